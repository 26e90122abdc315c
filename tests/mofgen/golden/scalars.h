#ifndef _scalars_h_
#define _scalars_h_

// KsScalars - KsScalars
// Every scalar type in one block
#define KsScalarsGuid \
    { 0x0b1e7c4a,0x1d2e,0x4f3a, { 0x8b,0x9c,0x0d,0x1e,0x2f,0x3a,0x4b,0x5c } }

#if ! (defined(MIDL_PASS))
DEFINE_GUID(KsScalars_GUID, \
            0x0b1e7c4a,0x1d2e,0x4f3a,0x8b,0x9c,0x0d,0x1e,0x2f,0x3a,0x4b,0x5c);
#endif


typedef struct _KsScalars
{
    // A boolean: BOOLEAN in C.
    BOOLEAN Enabled;
    #define KsScalars_Enabled_SIZE sizeof(BOOLEAN)
    #define KsScalars_Enabled_ID 1

    //
    CHAR Signed8;
    #define KsScalars_Signed8_SIZE sizeof(CHAR)
    #define KsScalars_Signed8_ID 2

    //
    UCHAR Unsigned8;
    #define KsScalars_Unsigned8_SIZE sizeof(UCHAR)
    #define KsScalars_Unsigned8_ID 3

    //
    SHORT Signed16;
    #define KsScalars_Signed16_SIZE sizeof(SHORT)
    #define KsScalars_Signed16_ID 4

    //
    USHORT Unsigned16;
    #define KsScalars_Unsigned16_SIZE sizeof(USHORT)
    #define KsScalars_Unsigned16_ID 5

    //
    LONG Signed32;
    #define KsScalars_Signed32_SIZE sizeof(LONG)
    #define KsScalars_Signed32_ID 6

    // Tab and "quotes" and \backslash
    ULONG Mode;
    #define KsScalars_Mode_SIZE sizeof(ULONG)
    #define KsScalars_Mode_ID 7

    //
    LONGLONG Signed64;
    #define KsScalars_Signed64_SIZE sizeof(LONGLONG)
    #define KsScalars_Signed64_ID 8

    //
    ULONGLONG Unsigned64;
    #define KsScalars_Unsigned64_SIZE sizeof(ULONGLONG)
    #define KsScalars_Unsigned64_ID 9

    //
    FLOAT Single;
    #define KsScalars_Single_SIZE sizeof(FLOAT)
    #define KsScalars_Single_ID 10

    //
    DOUBLE Double;
    #define KsScalars_Double_SIZE sizeof(DOUBLE)
    #define KsScalars_Double_ID 11

    //
    WCHAR Letter;
    #define KsScalars_Letter_SIZE sizeof(WCHAR)
    #define KsScalars_Letter_ID 12

    // 25 UTF-16 characters, no count
    WCHAR When[25];
    #define KsScalars_When_SIZE sizeof(WCHAR[25])
    #define KsScalars_When_ID 13

    //
    UCHAR MacAddress[6];
    #define KsScalars_MacAddress_SIZE sizeof(UCHAR[6])
    #define KsScalars_MacAddress_ID 14

    //
    USHORT Words[3];
    #define KsScalars_Words_SIZE sizeof(USHORT[3])
    #define KsScalars_Words_ID 15

    //
    WCHAR Stamps[2][25];
    #define KsScalars_Stamps_SIZE sizeof(WCHAR[2][25])
    #define KsScalars_Stamps_ID 16

    // Ends the block; the struct ends padded to 8
    UCHAR Last;
    #define KsScalars_Last_SIZE sizeof(UCHAR)
    #define KsScalars_Last_ID 17

} KsScalars, *PKsScalars;

#define KsScalars_SIZE (FIELD_OFFSET(KsScalars, Last) + KsScalars_Last_SIZE)

// KsOrder - KsOrder
#define KsOrderGuid \
    { 0x2a3b4c5d,0x6e7f,0x4081, { 0x92,0x93,0xa4,0xb5,0xc6,0xd7,0xe8,0xf9 } }

#if ! (defined(MIDL_PASS))
DEFINE_GUID(KsOrder_GUID, \
            0x2a3b4c5d,0x6e7f,0x4081,0x92,0x93,0xa4,0xb5,0xc6,0xd7,0xe8,0xf9);
#endif


typedef struct _KsOrder
{
    //
    ULONGLONG First;
    #define KsOrder_First_SIZE sizeof(ULONGLONG)
    #define KsOrder_First_ID 1

    //
    UCHAR Second;
    #define KsOrder_Second_SIZE sizeof(UCHAR)
    #define KsOrder_Second_ID 2

    //
    USHORT Third;
    #define KsOrder_Third_SIZE sizeof(USHORT)
    #define KsOrder_Third_ID 3

} KsOrder, *PKsOrder;

#define KsOrder_SIZE (FIELD_OFFSET(KsOrder, Third) + KsOrder_Third_SIZE)

#endif
