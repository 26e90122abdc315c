#ifndef _embedded_h_
#define _embedded_h_

// KsPoint - KS_POINT
// A point

typedef struct _KS_POINT
{
    //
    LONG X;
    #define KS_POINT_X_SIZE sizeof(LONG)
    #define KS_POINT_X_ID 1

    //
    LONG Y;
    #define KS_POINT_Y_SIZE sizeof(LONG)
    #define KS_POINT_Y_ID 2

} KS_POINT, *PKS_POINT;

#define KS_POINT_SIZE (FIELD_OFFSET(KS_POINT, Y) + KS_POINT_Y_SIZE)

// KsTagged - KsTagged

typedef struct _KsTagged
{
    //
    ULONGLONG Tag;
    #define KsTagged_Tag_SIZE sizeof(ULONGLONG)
    #define KsTagged_Tag_ID 1

    //
    UCHAR Kind;
    #define KsTagged_Kind_SIZE sizeof(UCHAR)
    #define KsTagged_Kind_ID 2

} KsTagged, *PKsTagged;

#define KsTagged_SIZE (FIELD_OFFSET(KsTagged, Kind) + KsTagged_Kind_SIZE)

// KsLabel - KsLabel

typedef struct _KsLabel
{
    //
    USHORT Id;
    #define KsLabel_Id_SIZE sizeof(USHORT)
    #define KsLabel_Id_ID 1

    //
    CHAR VariableData[1];
    #define KsLabel_Text_ID 2

} KsLabel, *PKsLabel;

// KsShape - KsShape
// Embeds fixed classes
#define KsShapeGuid \
    { 0x6f708192,0xa3b4,0x45c6, { 0xd7,0xe8,0xf9,0xa0,0xb1,0xc2,0xd3,0xe4 } }

#if ! (defined(MIDL_PASS))
DEFINE_GUID(KsShape_GUID, \
            0x6f708192,0xa3b4,0x45c6,0xd7,0xe8,0xf9,0xa0,0xb1,0xc2,0xd3,0xe4);
#endif


typedef struct _KsShape
{
    //
    UCHAR Corners;
    #define KsShape_Corners_SIZE sizeof(UCHAR)
    #define KsShape_Corners_ID 1

    //
    KS_POINT Origin;
    #define KsShape_Origin_SIZE sizeof(KS_POINT)
    #define KsShape_Origin_ID 2

    //
    KS_POINT Path[3];
    #define KsShape_Path_SIZE sizeof(KS_POINT[3])
    #define KsShape_Path_ID 3

    //
    KsTagged Tagged;
    #define KsShape_Tagged_SIZE sizeof(KsTagged)
    #define KsShape_Tagged_ID 4

} KsShape, *PKsShape;

#define KsShape_SIZE (FIELD_OFFSET(KsShape, Tagged) + KsShape_Tagged_SIZE)

// KsLabelled - KsLabelled
#define KsLabelledGuid \
    { 0x708192a3,0xb4c5,0x46d7, { 0xe8,0xf9,0xa0,0xb1,0xc2,0xd3,0xe4,0xf5 } }

#if ! (defined(MIDL_PASS))
DEFINE_GUID(KsLabelled_GUID, \
            0x708192a3,0xb4c5,0x46d7,0xe8,0xf9,0xa0,0xb1,0xc2,0xd3,0xe4,0xf5);
#endif


typedef struct _KsLabelled
{
    //
    ULONG Count;
    #define KsLabelled_Count_SIZE sizeof(ULONG)
    #define KsLabelled_Count_ID 1

    //
    CHAR VariableData[1];
    #define KsLabelled_First_ID 2

} KsLabelled, *PKsLabelled;

// KsShapeEx - KS_SHAPE_EX
#define KS_SHAPE_EXGuid \
    { 0x8192a3b4,0xc5d6,0x47e8, { 0xf9,0xa0,0xb1,0xc2,0xd3,0xe4,0xf5,0xa6 } }

#if ! (defined(MIDL_PASS))
DEFINE_GUID(KS_SHAPE_EX_GUID, \
            0x8192a3b4,0xc5d6,0x47e8,0xf9,0xa0,0xb1,0xc2,0xd3,0xe4,0xf5,0xa6);
#endif


typedef struct _KS_SHAPE_EX
{
    //
    UCHAR Corners;
    #define KS_SHAPE_EX_Corners_SIZE sizeof(UCHAR)
    #define KS_SHAPE_EX_Corners_ID 1

    //
    KS_POINT Origin;
    #define KS_SHAPE_EX_Origin_SIZE sizeof(KS_POINT)
    #define KS_SHAPE_EX_Origin_ID 2

    //
    KS_POINT Path[3];
    #define KS_SHAPE_EX_Path_SIZE sizeof(KS_POINT[3])
    #define KS_SHAPE_EX_Path_ID 3

    //
    KsTagged Tagged;
    #define KS_SHAPE_EX_Tagged_SIZE sizeof(KsTagged)
    #define KS_SHAPE_EX_Tagged_ID 4

    //
    USHORT Color;
    #define KS_SHAPE_EX_Color_SIZE sizeof(USHORT)
    #define KS_SHAPE_EX_Color_ID 5

} KS_SHAPE_EX, *PKS_SHAPE_EX;

#define KS_SHAPE_EX_SIZE (FIELD_OFFSET(KS_SHAPE_EX, Color) + KS_SHAPE_EX_Color_SIZE)

#endif
