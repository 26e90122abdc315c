/*
 * mof.h - reading and writing WMI data blocks by property name, from the
 * class descriptions kmdfsim-mofgen writes (JSON format "kmdfsim-mof-1",
 * tools/README.md). An item list is a class's "properties" or a method
 * layout's "parameters"; both decode the same way.
 */
#ifndef KMDFSIM_DEMO_MOF_H_
#define KMDFSIM_DEMO_MOF_H_

#include <stddef.h>

#include "json.h"

#define MOF_VALUE_MAX 256

/* Class `name` of the document, or NULL. */
const json_value *mof_class(const json_value *document, const char *name);
/* Method `name` of a class, or NULL. */
const json_value *mof_method(const json_value *cls, const char *name);

/*
 * Decodes item `index` of `items` from a block of `size` bytes into
 * `text` (PowerShell style: True/False, decimal, the string itself).
 * Returns 0 when the block is too short or the item unknown.
 */
int mof_format_item(const json_value *items, size_t index, const void *data, size_t size, char *text, size_t text_size);
/* Reads integer (or boolean) item `name`; 0 when absent, variable-placed or outside the block. */
int mof_read_long(const json_value *items, const char *name, const void *data, size_t size, long *value);
/* Stores integer (or boolean) item `name` at its offset in `buffer`; 0 when it does not fit. */
int mof_write_long(const json_value *items, const char *name, long value, void *buffer, size_t size);

#endif /* KMDFSIM_DEMO_MOF_H_ */
