#ifndef _methods_h_
#define _methods_h_

// KsControl - KsControl
// Device control methods
#define KsControlGuid \
    { 0x92a3b4c5,0xd6e7,0x48f9, { 0xa0,0xb1,0xc2,0xd3,0xe4,0xf5,0xa6,0xb7 } }

#if ! (defined(MIDL_PASS))
DEFINE_GUID(KsControl_GUID, \
            0x92a3b4c5,0xd6e7,0x48f9,0xa0,0xb1,0xc2,0xd3,0xe4,0xf5,0xa6,0xb7);
#endif


//
// Method id definitions for KsControl
#define SetColor 1
typedef struct _SetColor_IN
{
    // The new color
    ULONG NewColor;
    #define SetColor_IN_NewColor_SIZE sizeof(ULONG)
    #define SetColor_IN_NewColor_ID 1

} SetColor_IN, *PSetColor_IN;

#define SetColor_IN_SIZE (FIELD_OFFSET(SetColor_IN, NewColor) + SetColor_IN_NewColor_SIZE)

typedef struct _SetColor_OUT
{
    // The color before
    ULONG OldColor;
    #define SetColor_OUT_OldColor_SIZE sizeof(ULONG)
    #define SetColor_OUT_OldColor_ID 2

} SetColor_OUT, *PSetColor_OUT;

#define SetColor_OUT_SIZE (FIELD_OFFSET(SetColor_OUT, OldColor) + SetColor_OUT_OldColor_SIZE)

#define ResetControl 2
#define TransferData 3
typedef struct _TransferData_IN
{
    //
    ULONG Length;
    #define TransferData_IN_Length_SIZE sizeof(ULONG)
    #define TransferData_IN_Length_ID 1

    //
    CHAR VariableData[1];
    #define TransferData_IN_Payload_ID 2

} TransferData_IN, *PTransferData_IN;

typedef struct _TransferData_OUT
{
    //
    ULONG Written;
    #define TransferData_OUT_Written_SIZE sizeof(ULONG)
    #define TransferData_OUT_Written_ID 3

    //
    ULONGLONG Checksum;
    #define TransferData_OUT_Checksum_SIZE sizeof(ULONGLONG)
    #define TransferData_OUT_Checksum_ID 4

} TransferData_OUT, *PTransferData_OUT;

#define TransferData_OUT_SIZE (FIELD_OFFSET(TransferData_OUT, Checksum) + TransferData_OUT_Checksum_SIZE)

#define KsRename 4
typedef struct _KsRename_IN
{
    //
    CHAR VariableData[1];
    #define KsRename_IN_NewName_ID 1

} KsRename_IN, *PKsRename_IN;

typedef struct _KsRename_OUT
{
    //
    BOOLEAN Accepted;
    #define KsRename_OUT_Accepted_SIZE sizeof(BOOLEAN)
    #define KsRename_OUT_Accepted_ID 2

} KsRename_OUT, *PKsRename_OUT;

#define KsRename_OUT_SIZE (FIELD_OFFSET(KsRename_OUT, Accepted) + KsRename_OUT_Accepted_SIZE)

#define ExchangeValue 5
typedef struct _ExchangeValue_IN
{
    //
    ULONG Value;
    #define ExchangeValue_IN_Value_SIZE sizeof(ULONG)
    #define ExchangeValue_IN_Value_ID 1

    //
    UCHAR Mode;
    #define ExchangeValue_IN_Mode_SIZE sizeof(UCHAR)
    #define ExchangeValue_IN_Mode_ID 2

} ExchangeValue_IN, *PExchangeValue_IN;

#define ExchangeValue_IN_SIZE (FIELD_OFFSET(ExchangeValue_IN, Mode) + ExchangeValue_IN_Mode_SIZE)

typedef struct _ExchangeValue_OUT
{
    //
    ULONG Value;
    #define ExchangeValue_OUT_Value_SIZE sizeof(ULONG)
    #define ExchangeValue_OUT_Value_ID 1

    //
    USHORT Status;
    #define ExchangeValue_OUT_Status_SIZE sizeof(USHORT)
    #define ExchangeValue_OUT_Status_ID 3

} ExchangeValue_OUT, *PExchangeValue_OUT;

#define ExchangeValue_OUT_SIZE (FIELD_OFFSET(ExchangeValue_OUT, Status) + ExchangeValue_OUT_Status_SIZE)

#define QueryCounters 6
typedef struct _QueryCounters_OUT
{
    //
    ULONG Count;
    #define QueryCounters_OUT_Count_SIZE sizeof(ULONG)
    #define QueryCounters_OUT_Count_ID 1

    //
    ULONGLONG Stamp;
    #define QueryCounters_OUT_Stamp_SIZE sizeof(ULONGLONG)
    #define QueryCounters_OUT_Stamp_ID 2

} QueryCounters_OUT, *PQueryCounters_OUT;

#define QueryCounters_OUT_SIZE (FIELD_OFFSET(QueryCounters_OUT, Stamp) + QueryCounters_OUT_Stamp_SIZE)


typedef struct _KsControl
{
    // Current color
    ULONG Color;
    #define KsControl_Color_SIZE sizeof(ULONG)
    #define KsControl_Color_ID 1

} KsControl, *PKsControl;

#define KsControl_SIZE (FIELD_OFFSET(KsControl, Color) + KsControl_Color_SIZE)

#endif
