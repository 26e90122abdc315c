#ifndef _events_h_
#define _events_h_

// KsOverheat - KsOverheat
// Sent when the device overheats
#define KsOverheatGuid \
    { 0xa3b4c5d6,0xe7f8,0x49a0, { 0xb1,0xc2,0xd3,0xe4,0xf5,0xa6,0xb7,0xc8 } }

#if ! (defined(MIDL_PASS))
DEFINE_GUID(KsOverheat_GUID, \
            0xa3b4c5d6,0xe7f8,0x49a0,0xb1,0xc2,0xd3,0xe4,0xf5,0xa6,0xb7,0xc8);
#endif


typedef struct _KsOverheat
{
    // Temperature in tenths of a degree
    LONG Temperature;
    #define KsOverheat_Temperature_SIZE sizeof(LONG)
    #define KsOverheat_Temperature_ID 1

    //
    ULONG Sensor;
    #define KsOverheat_Sensor_SIZE sizeof(ULONG)
    #define KsOverheat_Sensor_ID 2

} KsOverheat, *PKsOverheat;

#define KsOverheat_SIZE (FIELD_OFFSET(KsOverheat, Sensor) + KsOverheat_Sensor_SIZE)

// KsArrival - KsArrival
#define KsArrivalGuid \
    { 0xb4c5d6e7,0xf8a9,0x4ab1, { 0xc2,0xd3,0xe4,0xf5,0xa6,0xb7,0xc8,0xd9 } }

#if ! (defined(MIDL_PASS))
DEFINE_GUID(KsArrival_GUID, \
            0xb4c5d6e7,0xf8a9,0x4ab1,0xc2,0xd3,0xe4,0xf5,0xa6,0xb7,0xc8,0xd9);
#endif


typedef struct _KsArrival
{
    //
    CHAR VariableData[1];
    #define KsArrival_ModelName_ID 1

} KsArrival, *PKsArrival;

#endif
