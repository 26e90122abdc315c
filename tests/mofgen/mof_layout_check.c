/* mof_layout_check.c - compares the JSON-derived tables with the compiler's view (mof_layout.h). */
#include "mof_layout.h"

#include <stdio.h>
#include <string.h>

static void format_guid(const GUID *g, char *out, size_t size)
{
    snprintf(out, size, "%08lx-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", (unsigned long)g->Data1,
             (unsigned)g->Data2, (unsigned)g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4],
             g->Data4[5], g->Data4[6], g->Data4[7]);
}

int mof_layout_verify(void)
{
    int failures = 0;
    for (size_t i = 0; i < mof_layout_check_count; i++) {
        const mof_layout_check *c = &mof_layout_checks[i];
        if (c->from_json != c->from_compiler) {
            fprintf(stderr, "%s: JSON says %lld, the compiled header says %lld\n", c->what, c->from_json,
                    c->from_compiler);
            failures++;
        }
    }
    for (size_t i = 0; i < mof_guid_check_count; i++) {
        const mof_guid_check *g = &mof_guid_checks[i];
        char a[40], b[40];
        format_guid(&g->initializer, a, sizeof(a));
        format_guid(g->defined, b, sizeof(b));
        if (strcmp(a, g->json_guid) != 0 || strcmp(b, g->json_guid) != 0) {
            fprintf(stderr, "%s: JSON guid %s, <Struct>Guid %s, DEFINE_GUID %s\n", g->class_name, g->json_guid, a, b);
            failures++;
        }
    }
    return failures;
}

const mof_property_info *mof_find_property(const char *class_name, const char *name)
{
    for (size_t i = 0; i < mof_property_count; i++)
        if (strcmp(mof_properties[i].class_name, class_name) == 0 && strcmp(mof_properties[i].name, name) == 0)
            return &mof_properties[i];
    return NULL;
}
