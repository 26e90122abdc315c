/*
 * sal.h - Source-code Annotation Language markers (kmdfsim WDK surface).
 *
 * Every SAL annotation a driver writes expands to nothing: kmdfsim compiles
 * driver code with GCC, Clang or MinGW, none of which reads SAL. The names
 * below are the ones real KMDF WMI code uses (see compat-surface.md), plus the
 * families they belong to, so that annotated prototypes compile unchanged.
 */
#ifndef KMDFSIM_SAL_H_
#define KMDFSIM_SAL_H_

#ifndef _In_
/* Parameter annotations. */
#define _In_
#define _In_opt_
#define _In_z_
#define _In_opt_z_
#define _In_reads_(s)
#define _In_reads_opt_(s)
#define _In_reads_bytes_(s)
#define _In_reads_bytes_opt_(s)
#define _In_reads_z_(s)
#define _In_range_(l, h)
#define _Out_
#define _Out_opt_
#define _Out_z_
#define _Out_writes_(s)
#define _Out_writes_opt_(s)
#define _Out_writes_bytes_(s)
#define _Out_writes_bytes_opt_(s)
#define _Out_writes_to_(s, c)
#define _Out_writes_bytes_to_(s, c)
#define _Out_writes_bytes_to_opt_(s, c)
#define _Out_writes_bytes_all_(s)
#define _Out_writes_z_(s)
#define _Out_range_(l, h)
#define _Inout_
#define _Inout_opt_
#define _Inout_z_
#define _Inout_updates_(s)
#define _Inout_updates_opt_(s)
#define _Inout_updates_bytes_(s)
#define _Inout_updates_bytes_opt_(s)
#define _Inout_updates_z_(s)
#define _Inout_updates_to_(s, c)
#define _Inout_updates_bytes_to_(s, c)
#define _Inout_updates_bytes_to_opt_(s, c)
#define _Inout_updates_bytes_all_(s)
#define _Inexpressible_(e)
#define _Outptr_
#define _Outptr_opt_
#define _Outptr_result_maybenull_
#define _Outptr_opt_result_maybenull_
#define _Outptr_result_buffer_(s)
#define _Outptr_result_bytebuffer_(s)
#define _Outptr_result_bytebuffer_maybenull_(s)
#define _Outptr_opt_result_bytebuffer_(s)
#define _Deref_out_
#define _Deref_out_opt_
#define _Deref_out_range_(l, h)
#define _Pre_
#define _Post_
#define _Pre_notnull_
#define _Pre_maybenull_
#define _Pre_valid_
#define _Pre_satisfies_(e)
#define _Post_satisfies_(e)
#define _Post_invalid_
#define _Post_ptr_invalid_
#define _Post_writable_byte_size_(s)
#define _Post_equal_to_(e)
#define _Post_z_
#define _Null_terminated_
#define _NullNull_terminated_
#define _Notnull_
#define _Maybenull_
#define _Readable_bytes_(s)
#define _Writable_bytes_(s)
#define _Reserved_
#define _Frees_ptr_
#define _Frees_ptr_opt_
/* Function and structure annotations. */
#define _Check_return_
#define _Must_inspect_result_
#define _Success_(e)
#define _Return_type_success_(e)
#define _Ret_maybenull_
#define _Ret_notnull_
#define _Ret_z_
#define _Ret_range_(l, h)
#define _Result_nullonfailure_
#define _Result_zeroonfailure_
#define _Use_decl_annotations_
#define _When_(c, a)
#define _At_(t, a)
#define _At_buffer_(t, i, c, a)
#define _Group_(a)
#define _On_failure_(a)
#define _Always_(a)
#define _Analysis_assume_(e)
#define _Analysis_mode_(m)
#define _Analysis_noreturn_
#define _Field_size_(s)
#define _Field_size_opt_(s)
#define _Field_size_bytes_(s)
#define _Field_size_bytes_opt_(s)
#define _Field_size_part_(s, c)
#define _Field_size_bytes_part_(s, c)
#define _Field_range_(l, h)
#define _Field_z_
#define _Struct_size_bytes_(s)
#define _Strict_type_match_
#define _Literal_
#define _Points_to_data_
#define _Printf_format_string_
#define _Printf_format_string_params_(n)
#define _Interlocked_operand_
#define _Function_class_(c)
#define _Dispatch_type_(t)
#define _Acquires_lock_(l)
#define _Releases_lock_(l)
#define _Requires_lock_held_(l)
#define _Requires_lock_not_held_(l)
#define _Acquires_exclusive_lock_(l)
#define _Releases_exclusive_lock_(l)
#define _Acquires_shared_lock_(l)
#define _Releases_shared_lock_(l)
#define _Guarded_by_(l)
#define _Benign_race_begin_
#define _Benign_race_end_
#define _No_competing_thread_
#define _Kernel_float_saved_
#define _Kernel_float_restored_
#define _Kernel_float_used_
#define _Kernel_clear_do_init_(y)
#define _Kernel_requires_resource_held_(r)
#define _Kernel_acquires_resource_(r)
#define _Kernel_releases_resource_(r)
#endif /* _In_ */

/* Old-style (pre-2010) annotations still found in older drivers. */
#ifndef __in
#define __in
#define __in_opt
#define __in_bcount(s)
#define __in_bcount_opt(s)
#define __in_ecount(s)
#define __out
#define __out_opt
#define __out_bcount(s)
#define __out_bcount_opt(s)
#define __out_bcount_part(s, l)
#define __out_ecount(s)
#define __inout
#define __inout_opt
#define __inout_bcount(s)
#define __deref_out
#define __deref_out_opt
#define __checkReturn
#define __success(e)
#define __reserved
#define __field_bcount(s)
#define __field_ecount(s)
#endif

#endif /* KMDFSIM_SAL_H_ */
