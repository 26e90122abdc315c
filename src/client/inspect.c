/*
 * inspect.c - readers for the WNODEs the WMI APIs return (kmdfsim/wmi.h),
 * so that tests never do offset arithmetic by hand. Every offset, length
 * and link is checked against the buffer before it is followed.
 */
#include "client/wmi_client.h"

#include "rtl/rtl_internal.h"

#include <string.h>

static ULONG read_ulong(const UCHAR *p)
{
    ULONG v;
    memcpy(&v, p, sizeof(v));
    return v;
}

/* Entry i of WNODE_ALL_DATA.OffsetInstanceDataAndLength (read by offset: the array is declared [1]). */
static OFFSETINSTANCEDATAANDLENGTH entry_of(const WNODE_ALL_DATA *w, ULONG i)
{
    OFFSETINSTANCEDATAANDLENGTH e;
    memcpy(&e, (const UCHAR *)w + FIELD_OFFSET(WNODE_ALL_DATA, OffsetInstanceDataAndLength) + (size_t)i * sizeof(e),
           sizeof(e));
    return e;
}

/* A counted name at `offset` of a WNODE of `limit` bytes, as UTF-8 (truncated to fit `out`). */
static BOOLEAN read_name(const UCHAR *wnode, ULONG limit, ULONG offset, BOOLEAN ansi, char *out)
{
    out[0] = '\0';
    if ((uint64_t)offset + sizeof(USHORT) > limit)
        return FALSE;
    USHORT bytes;
    memcpy(&bytes, wnode + offset, sizeof(bytes));
    if ((uint64_t)offset + sizeof(USHORT) + bytes > limit || (!ansi && (bytes & 1)))
        return FALSE;
    const UCHAR *chars = wnode + offset + sizeof(USHORT);
    size_t n = 0;
    if (ansi) {
        n = bytes < KMDFSIM_WMI_NAME_MAX - 1 ? bytes : KMDFSIM_WMI_NAME_MAX - 1;
        memcpy(out, chars, n);
    } else {
        size_t units = bytes / sizeof(WCHAR);
        WCHAR buffer[KMDFSIM_WMI_NAME_MAX];
        if (units > KMDFSIM_WMI_NAME_MAX)
            units = KMDFSIM_WMI_NAME_MAX;
        memcpy(buffer, chars, units * sizeof(WCHAR));
        for (size_t pos = 0; pos < units;) {
            char utf8[4];
            size_t k = kmdfsim_utf8_encode(kmdfsim_utf16_decode(buffer, units, &pos), utf8);
            if (n + k >= KMDFSIM_WMI_NAME_MAX)
                break;
            memcpy(out + n, utf8, k);
            n += k;
        }
    }
    out[n] = '\0';
    return TRUE;
}

/*
 * Checks one WNODE_ALL_DATA at `at`; *limit becomes the bytes its data and
 * names may use (its BufferSize, or the rest of the buffer for the last
 * WNODE, whose data a device's own answer may place past BufferSize).
 */
static BOOLEAN check_all_data(const UCHAR *buffer, ULONG size, ULONG at, ULONG *limit)
{
    if ((uint64_t)at + sizeof(WNODE_ALL_DATA) > size)
        return FALSE;
    const WNODE_ALL_DATA *w = (const WNODE_ALL_DATA *)(const void *)(buffer + at);
    ULONG wsize = w->WnodeHeader.BufferSize;
    if ((w->WnodeHeader.Flags & WNODE_FLAG_ALL_DATA) == 0 || (w->WnodeHeader.Flags & WNODE_FLAG_TOO_SMALL) != 0 ||
        wsize < sizeof(WNODE_ALL_DATA) || (uint64_t)at + wsize > size)
        return FALSE;
    *limit = w->WnodeHeader.Linkage == 0 ? size - at : wsize;
    ULONG n = w->InstanceCount;
    if (w->WnodeHeader.Flags & WNODE_FLAG_FIXED_INSTANCE_SIZE) {
        uint64_t stride = ((uint64_t)w->FixedInstanceSize + 7) & ~(uint64_t)7;
        if (n > 0 && (uint64_t)w->DataBlockOffset + stride * (n - 1) + w->FixedInstanceSize > *limit)
            return FALSE;
    } else {
        if ((uint64_t)FIELD_OFFSET(WNODE_ALL_DATA, OffsetInstanceDataAndLength) + (uint64_t)n * 8 > wsize)
            return FALSE;
        for (ULONG i = 0; i < n; i++) {
            OFFSETINSTANCEDATAANDLENGTH o = entry_of(w, i);
            if ((uint64_t)o.OffsetInstanceData + o.LengthInstanceData > *limit)
                return FALSE;
        }
    }
    if (w->OffsetInstanceNameOffsets != 0) {
        if ((uint64_t)w->OffsetInstanceNameOffsets + (uint64_t)n * sizeof(ULONG) > *limit)
            return FALSE;
        char name[KMDFSIM_WMI_NAME_MAX];
        BOOLEAN ansi = (w->WnodeHeader.Flags & WNODE_FLAG_ANSI_INSTANCENAMES) != 0;
        for (ULONG i = 0; i < n; i++) {
            ULONG offset = read_ulong(buffer + at + w->OffsetInstanceNameOffsets + i * sizeof(ULONG));
            if (!read_name(buffer + at, *limit, offset, ansi, name))
                return FALSE;
        }
    }
    return TRUE;
}

/*
 * Walks the chain: counts WNODEs and instances, and fills `out` with
 * instance `wanted` (or the one named `name`) when it gets there.
 */
static BOOLEAN walk(const void *buffer, ULONG size, ULONG wanted, const char *name, kmdfsim_wmi_instance_data *out,
                    ULONG *wnodes, ULONG *instances)
{
    const UCHAR *b = buffer;
    ULONG at = 0, total = 0, count = 0;
    if (buffer == NULL)
        return FALSE;
    for (;;) {
        ULONG limit = 0;
        if (!check_all_data(b, size, at, &limit))
            return FALSE;
        const WNODE_ALL_DATA *w = (const WNODE_ALL_DATA *)(const void *)(b + at);
        count++;
        for (ULONG i = 0; i < w->InstanceCount; i++, total++) {
            kmdfsim_wmi_instance_data item;
            memset(&item, 0, sizeof(item));
            item.wnode = &w->WnodeHeader;
            item.index = i;
            item.provider_id = w->WnodeHeader.ProviderId;
            ULONG offset, length;
            if (w->WnodeHeader.Flags & WNODE_FLAG_FIXED_INSTANCE_SIZE) {
                offset = w->DataBlockOffset + i * ((w->FixedInstanceSize + 7) & ~7u);
                length = w->FixedInstanceSize;
            } else {
                OFFSETINSTANCEDATAANDLENGTH o = entry_of(w, i);
                offset = o.OffsetInstanceData;
                length = o.LengthInstanceData;
            }
            item.size = length;
            item.data = length > 0 ? b + at + offset : NULL;
            if (w->OffsetInstanceNameOffsets != 0) {
                ULONG name_offset = read_ulong(b + at + w->OffsetInstanceNameOffsets + i * sizeof(ULONG));
                (void)read_name(b + at, limit, name_offset, (w->WnodeHeader.Flags & WNODE_FLAG_ANSI_INSTANCENAMES) != 0,
                                item.name);
            }
            BOOLEAN match = name != NULL ? kmdfsim_wmik_same_id(name, strlen(name), item.name) : total == wanted;
            if (match && out != NULL) {
                *out = item;
                out = NULL; /* the first match wins; keep walking to validate the rest */
            }
        }
        ULONG link = w->WnodeHeader.Linkage;
        if (link == 0)
            break;
        if (link < sizeof(WNODE_ALL_DATA) || (uint64_t)at + link >= size)
            return FALSE;
        at += link;
    }
    if (wnodes != NULL)
        *wnodes = count;
    if (instances != NULL)
        *instances = total;
    return TRUE;
}

ULONG kmdfsim_wmi_all_data_count(const void *buffer, ULONG size)
{
    ULONG instances = 0;
    return walk(buffer, size, 0, NULL, NULL, NULL, &instances) ? instances : KMDFSIM_WMI_MALFORMED;
}

ULONG kmdfsim_wmi_all_data_wnode_count(const void *buffer, ULONG size)
{
    ULONG wnodes = 0;
    return walk(buffer, size, 0, NULL, NULL, &wnodes, NULL) ? wnodes : KMDFSIM_WMI_MALFORMED;
}

BOOLEAN kmdfsim_wmi_all_data_get(const void *buffer, ULONG size, ULONG index, kmdfsim_wmi_instance_data *instance)
{
    kmdfsim_wmi_instance_data found;
    memset(&found, 0, sizeof(found));
    ULONG instances = 0;
    if (instance == NULL || !walk(buffer, size, index, NULL, &found, NULL, &instances) || index >= instances)
        return FALSE;
    *instance = found;
    return TRUE;
}

BOOLEAN kmdfsim_wmi_all_data_find(const void *buffer, ULONG size, const char *name, kmdfsim_wmi_instance_data *instance)
{
    if (name == NULL || instance == NULL)
        return FALSE;
    kmdfsim_wmi_instance_data found;
    memset(&found, 0, sizeof(found));
    if (!walk(buffer, size, 0, name, &found, NULL, NULL) || found.wnode == NULL)
        return FALSE;
    *instance = found;
    return TRUE;
}

BOOLEAN kmdfsim_wmi_single_instance_read(const void *buffer, ULONG size, kmdfsim_wmi_instance_data *instance)
{
    if (buffer == NULL || instance == NULL || size < sizeof(WNODE_SINGLE_INSTANCE))
        return FALSE;
    const UCHAR *b = buffer;
    const WNODE_SINGLE_INSTANCE *w = buffer;
    ULONG wsize = w->WnodeHeader.BufferSize;
    if ((w->WnodeHeader.Flags & WNODE_FLAG_SINGLE_INSTANCE) == 0 || (w->WnodeHeader.Flags & WNODE_FLAG_TOO_SMALL) ||
        wsize < sizeof(WNODE_SINGLE_INSTANCE) || wsize > size ||
        (uint64_t)w->DataBlockOffset + w->SizeDataBlock > wsize)
        return FALSE;
    memset(instance, 0, sizeof(*instance));
    instance->wnode = &w->WnodeHeader;
    instance->index = w->InstanceIndex;
    instance->provider_id = w->WnodeHeader.ProviderId;
    instance->size = w->SizeDataBlock;
    instance->data = w->SizeDataBlock > 0 ? b + w->DataBlockOffset : NULL;
    if ((w->WnodeHeader.Flags & WNODE_FLAG_STATIC_INSTANCE_NAMES) == 0 && w->OffsetInstanceName != 0 &&
        !read_name(b, wsize, w->OffsetInstanceName, (w->WnodeHeader.Flags & WNODE_FLAG_ANSI_INSTANCENAMES) != 0,
                   instance->name))
        return FALSE;
    return TRUE;
}
