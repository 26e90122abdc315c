#ifndef _variable_h_
#define _variable_h_

// KsVariable - KsVariable
// A block with variable-length data
#define KsVariableGuid \
    { 0x3c4d5e6f,0x7081,0x4293, { 0xa4,0xb5,0xc6,0xd7,0xe8,0xf9,0xa0,0xb1 } }

#if ! (defined(MIDL_PASS))
DEFINE_GUID(KsVariable_GUID, \
            0x3c4d5e6f,0x7081,0x4293,0xa4,0xb5,0xc6,0xd7,0xe8,0xf9,0xa0,0xb1);
#endif


typedef struct _KsVariable
{
    // Number of samples
    ULONG SampleCount;
    #define KsVariable_SampleCount_SIZE sizeof(ULONG)
    #define KsVariable_SampleCount_ID 1

    // The samples
    CHAR VariableData[1];
    #define KsVariable_Samples_ID 2

    // Model name
    #define KsVariable_Model_ID 3

    //
    #define KsVariable_Trailer_ID 4

} KsVariable, *PKsVariable;

// KsNames - KsNames
#define KsNamesGuid \
    { 0x4d5e6f70,0x8192,0x43a4, { 0xb5,0xc6,0xd7,0xe8,0xf9,0xa0,0xb1,0xc2 } }

#if ! (defined(MIDL_PASS))
DEFINE_GUID(KsNames_GUID, \
            0x4d5e6f70,0x8192,0x43a4,0xb5,0xc6,0xd7,0xe8,0xf9,0xa0,0xb1,0xc2);
#endif


typedef struct _KsNames
{
    //
    UCHAR Flags;
    #define KsNames_Flags_SIZE sizeof(UCHAR)
    #define KsNames_Flags_ID 1

    //
    USHORT NameCount;
    #define KsNames_NameCount_SIZE sizeof(USHORT)
    #define KsNames_NameCount_ID 2

    //
    CHAR VariableData[1];
    #define KsNames_Names_ID 3

} KsNames, *PKsNames;

// KsStringOnly - KsStringOnly
// Only a string
#define KsStringOnlyGuid \
    { 0x5e6f7081,0x92a3,0x44b5, { 0xc6,0xd7,0xe8,0xf9,0xa0,0xb1,0xc2,0xd3 } }

#if ! (defined(MIDL_PASS))
DEFINE_GUID(KsStringOnly_GUID, \
            0x5e6f7081,0x92a3,0x44b5,0xc6,0xd7,0xe8,0xf9,0xa0,0xb1,0xc2,0xd3);
#endif


typedef struct _KsStringOnly
{
    //
    CHAR VariableData[1];
    #define KsStringOnly_Label_ID 1

} KsStringOnly, *PKsStringOnly;

#endif
