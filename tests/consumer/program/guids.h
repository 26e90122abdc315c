/*
 * guids.h - what a driver's shared header typically holds: a GUID defined with
 * DEFINE_GUID and the prototypes shared by its source files. Both a.c and b.c
 * include it after <initguid.h>, so both define SampleGuid; the definitions
 * are selectany (weak outside Windows) and the linker keeps one.
 */
DEFINE_GUID(SampleGuid, 0x9d3a1c52, 0x6b1e, 0x4f0a, 0x8c, 0x21, 0x5e, 0x7d, 0x30, 0xa4, 0xb9, 0x16);

extern const WCHAR *name_from_b(void);
extern const GUID *guid_address_from_b(void);
