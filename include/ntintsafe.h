/*
 * ntintsafe.h - overflow-checked integer conversions and arithmetic for
 * kernel code (kmdfsim WDK surface).
 *
 * Header-only, as in the WDK. Each Rtl* function returns STATUS_SUCCESS and
 * the exact result, or STATUS_INTEGER_OVERFLOW and an error value in
 * *Result: all bits set for unsigned results (ULONG_ERROR, SIZET_ERROR...),
 * -1 for signed ones, and 0 for UCHAR results (UCHAR_ERROR), as the WDK does.
 * The signed arithmetic functions exist only with
 * ENABLE_INTSAFE_SIGNED_FUNCTIONS defined, as in the WDK.
 */
#ifndef _NTINTSAFE_H_INCLUDED_
#define _NTINTSAFE_H_INCLUDED_

#include <ntdef.h>
#include <ntstatus.h>

EXTERN_C_START

#define UCHAR_ERROR '\0'
#define USHORT_ERROR ((USHORT)0xffff)
#define WORD_ERROR USHORT_ERROR
#define UINT_ERROR ((UINT)0xffffffffU)
#define ULONG_ERROR ((ULONG)0xffffffffU)
#define DWORD_ERROR ULONG_ERROR
#define ULONGLONG_ERROR ((ULONGLONG)0xffffffffffffffffULL)
#define ULONG_PTR_ERROR ((ULONG_PTR)-1)
#define SIZET_ERROR ((SIZE_T)-1)
#define INT_ERROR (-1)
#define LONG_ERROR ((LONG)-1)
#define LONGLONG_ERROR ((LONGLONG)-1)

/* ntdef.h's MINSHORT is the bit pattern 0x8000, not the value. */
#define KMDFSIM_INTSAFE_MINSHORT_ (-32768)

/*
 * Range tests on 64-bit parameters, so that a comparison that happens to be
 * always true for some pair of types draws no "limited range" warning.
 */
FORCEINLINE BOOLEAN kmdfsim_intsafe_ufits_(ULONGLONG Value, ULONGLONG Max)
{
    return (BOOLEAN)(Value <= Max);
}
FORCEINLINE BOOLEAN kmdfsim_intsafe_sfits_(LONGLONG Value, LONGLONG Min, LONGLONG Max)
{
    return (BOOLEAN)(Value >= Min && Value <= Max);
}
FORCEINLINE BOOLEAN kmdfsim_intsafe_s2ufits_(LONGLONG Value, ULONGLONG Max)
{
    return (BOOLEAN)(Value >= 0 && (ULONGLONG)Value <= Max);
}

/* Unsigned arithmetic on values no larger than Max; FALSE when the result would exceed it. */
FORCEINLINE BOOLEAN kmdfsim_intsafe_uadd_(ULONGLONG Left, ULONGLONG Right, ULONGLONG Max, ULONGLONG *Result)
{
    if (Left > Max || Right > Max - Left)
        return FALSE;
    *Result = Left + Right;
    return TRUE;
}
FORCEINLINE BOOLEAN kmdfsim_intsafe_usub_(ULONGLONG Left, ULONGLONG Right, ULONGLONG Max, ULONGLONG *Result)
{
    (void)Max;
    if (Right > Left)
        return FALSE;
    *Result = Left - Right;
    return TRUE;
}
FORCEINLINE BOOLEAN kmdfsim_intsafe_umul_(ULONGLONG Left, ULONGLONG Right, ULONGLONG Max, ULONGLONG *Result)
{
    if (Left != 0 && Right > Max / Left)
        return FALSE;
    *Result = Left * Right;
    return TRUE;
}

/* Signed arithmetic with the result range-checked against [Min, Max]. */
FORCEINLINE BOOLEAN kmdfsim_intsafe_sadd_(LONGLONG Left, LONGLONG Right, LONGLONG Min, LONGLONG Max,
                                          LONGLONG *Result)
{
    if ((Right > 0 && Left > MAXINT64 - Right) || (Right < 0 && Left < MININT64 - Right))
        return FALSE;
    *Result = Left + Right;
    return kmdfsim_intsafe_sfits_(*Result, Min, Max);
}
FORCEINLINE BOOLEAN kmdfsim_intsafe_ssub_(LONGLONG Left, LONGLONG Right, LONGLONG Min, LONGLONG Max,
                                          LONGLONG *Result)
{
    if ((Right < 0 && Left > MAXINT64 + Right) || (Right > 0 && Left < MININT64 + Right))
        return FALSE;
    *Result = Left - Right;
    return kmdfsim_intsafe_sfits_(*Result, Min, Max);
}
FORCEINLINE BOOLEAN kmdfsim_intsafe_smul_(LONGLONG Left, LONGLONG Right, LONGLONG Min, LONGLONG Max,
                                          LONGLONG *Result)
{
    if (Left > 0) {
        if (Right > 0 ? Left > MAXINT64 / Right : Right < MININT64 / Left)
            return FALSE;
    } else if (Left < 0) {
        if (Right > 0 ? Left < MININT64 / Right : (Right != 0 && Right < MAXINT64 / Left))
            return FALSE;
    }
    *Result = Left * Right;
    return kmdfsim_intsafe_sfits_(*Result, Min, Max);
}

/* ---- Generators --------------------------------------------------------- */

/* Conversion; InRange is an expression in Operand. */
#define KMDFSIM_INTSAFE_CONVERT_(Name, SrcT, DstT, InRange, ErrorValue) \
    FORCEINLINE NTSTATUS Name(_In_ SrcT Operand, _Out_ DstT *Result)    \
    {                                                                   \
        if (InRange) {                                                  \
            *Result = (DstT)Operand;                                    \
            return STATUS_SUCCESS;                                      \
        }                                                               \
        *Result = (ErrorValue);                                         \
        return STATUS_INTEGER_OVERFLOW;                                 \
    }

/* Unsigned source to a destination whose largest value is Max. */
#define KMDFSIM_INTSAFE_FROM_UNSIGNED_(Name, SrcT, DstT, Max, ErrorValue) \
    KMDFSIM_INTSAFE_CONVERT_(Name, SrcT, DstT, kmdfsim_intsafe_ufits_((ULONGLONG)Operand, (ULONGLONG)(Max)), ErrorValue)

/* Signed source to an unsigned destination whose largest value is Max. */
#define KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(Name, SrcT, DstT, Max, ErrorValue)                                   \
    KMDFSIM_INTSAFE_CONVERT_(Name, SrcT, DstT, kmdfsim_intsafe_s2ufits_((LONGLONG)Operand, (ULONGLONG)(Max)), \
                             ErrorValue)

/* Signed source to a signed destination [Min, Max]. */
#define KMDFSIM_INTSAFE_SIGNED_TO_SIGNED_(Name, SrcT, DstT, Min, Max, ErrorValue) \
    KMDFSIM_INTSAFE_CONVERT_(Name, SrcT, DstT,                                    \
                             kmdfsim_intsafe_sfits_((LONGLONG)Operand, (LONGLONG)(Min), (LONGLONG)(Max)), ErrorValue)

#define KMDFSIM_INTSAFE_UNSIGNED_MATH_(Name, T, Max, Operation)                                           \
    FORCEINLINE NTSTATUS Name(_In_ T Left, _In_ T Right, _Out_ T *Result)                                 \
    {                                                                                                     \
        ULONGLONG value = 0;                                                                              \
        if (kmdfsim_intsafe_##Operation##_((ULONGLONG)Left, (ULONGLONG)Right, (ULONGLONG)(Max), &value)) { \
            *Result = (T)value;                                                                           \
            return STATUS_SUCCESS;                                                                        \
        }                                                                                                 \
        *Result = (T)~(T)0;                                                                               \
        return STATUS_INTEGER_OVERFLOW;                                                                   \
    }

#define KMDFSIM_INTSAFE_SIGNED_MATH_(Name, T, Min, Max, Operation)                                       \
    FORCEINLINE NTSTATUS Name(_In_ T Left, _In_ T Right, _Out_ T *Result)                                \
    {                                                                                                    \
        LONGLONG value = 0;                                                                              \
        if (kmdfsim_intsafe_##Operation##_((LONGLONG)Left, (LONGLONG)Right, (LONGLONG)(Min), (LONGLONG)(Max), \
                                           &value)) {                                                    \
            *Result = (T)value;                                                                          \
            return STATUS_SUCCESS;                                                                       \
        }                                                                                                \
        *Result = (T)-1;                                                                                 \
        return STATUS_INTEGER_OVERFLOW;                                                                  \
    }

/* ---- Conversions -------------------------------------------------------- */

KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlUShortToUChar, USHORT, UCHAR, MAXUCHAR, UCHAR_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlUShortToShort, USHORT, SHORT, MAXSHORT, (SHORT)-1)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlUIntToUChar, UINT, UCHAR, MAXUCHAR, UCHAR_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlUIntToUShort, UINT, USHORT, MAXUSHORT, USHORT_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlUIntToInt, UINT, INT, MAXINT32, INT_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlUIntToLong, UINT, LONG, MAXLONG, LONG_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongToUChar, ULONG, UCHAR, MAXUCHAR, UCHAR_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongToUShort, ULONG, USHORT, MAXUSHORT, USHORT_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongToUInt, ULONG, UINT, MAXUINT32, UINT_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongToInt, ULONG, INT, MAXINT32, INT_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongToLong, ULONG, LONG, MAXLONG, LONG_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlDWordToUShort, DWORD, USHORT, MAXUSHORT, USHORT_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlDWordToLong, DWORD, LONG, MAXLONG, LONG_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlSizeTToUShort, SIZE_T, USHORT, MAXUSHORT, USHORT_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlSizeTToUInt, SIZE_T, UINT, MAXUINT32, UINT_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlSizeTToULong, SIZE_T, ULONG, MAXULONG, ULONG_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlSizeTToDWord, SIZE_T, DWORD, MAXULONG, DWORD_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlSizeTToInt, SIZE_T, INT, MAXINT32, INT_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlSizeTToLong, SIZE_T, LONG, MAXLONG, LONG_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongPtrToUShort, ULONG_PTR, USHORT, MAXUSHORT, USHORT_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongPtrToULong, ULONG_PTR, ULONG, MAXULONG, ULONG_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongPtrToLong, ULONG_PTR, LONG, MAXLONG, LONG_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongLongToUShort, ULONGLONG, USHORT, MAXUSHORT, USHORT_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongLongToUInt, ULONGLONG, UINT, MAXUINT32, UINT_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongLongToULong, ULONGLONG, ULONG, MAXULONG, ULONG_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongLongToDWord, ULONGLONG, DWORD, MAXULONG, DWORD_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongLongToInt, ULONGLONG, INT, MAXINT32, INT_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongLongToLong, ULONGLONG, LONG, MAXLONG, LONG_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongLongToSizeT, ULONGLONG, SIZE_T, MAXSIZE_T, SIZET_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongLongToULongPtr, ULONGLONG, ULONG_PTR, MAXULONG_PTR, ULONG_PTR_ERROR)
KMDFSIM_INTSAFE_FROM_UNSIGNED_(RtlULongLongToLongLong, ULONGLONG, LONGLONG, MAXLONGLONG, LONGLONG_ERROR)

KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlShortToUShort, SHORT, USHORT, MAXUSHORT, USHORT_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlIntToUChar, INT, UCHAR, MAXUCHAR, UCHAR_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlIntToUShort, INT, USHORT, MAXUSHORT, USHORT_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlIntToUInt, INT, UINT, MAXUINT32, UINT_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlIntToULong, INT, ULONG, MAXULONG, ULONG_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlIntToSizeT, INT, SIZE_T, MAXSIZE_T, SIZET_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlIntToULongLong, INT, ULONGLONG, MAXUINT64, ULONGLONG_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlLongToUChar, LONG, UCHAR, MAXUCHAR, UCHAR_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlLongToUShort, LONG, USHORT, MAXUSHORT, USHORT_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlLongToUInt, LONG, UINT, MAXUINT32, UINT_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlLongToULong, LONG, ULONG, MAXULONG, ULONG_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlLongToDWord, LONG, DWORD, MAXULONG, DWORD_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlLongToSizeT, LONG, SIZE_T, MAXSIZE_T, SIZET_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlLongToULongPtr, LONG, ULONG_PTR, MAXULONG_PTR, ULONG_PTR_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlLongToULongLong, LONG, ULONGLONG, MAXUINT64, ULONGLONG_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlLongPtrToULong, LONG_PTR, ULONG, MAXULONG, ULONG_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlLongPtrToSizeT, LONG_PTR, SIZE_T, MAXSIZE_T, SIZET_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlLongLongToULong, LONGLONG, ULONG, MAXULONG, ULONG_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlLongLongToSizeT, LONGLONG, SIZE_T, MAXSIZE_T, SIZET_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_UNSIGNED_(RtlLongLongToULongLong, LONGLONG, ULONGLONG, MAXUINT64, ULONGLONG_ERROR)

KMDFSIM_INTSAFE_SIGNED_TO_SIGNED_(RtlIntToShort, INT, SHORT, KMDFSIM_INTSAFE_MINSHORT_, MAXSHORT, (SHORT)-1)
KMDFSIM_INTSAFE_SIGNED_TO_SIGNED_(RtlLongToShort, LONG, SHORT, KMDFSIM_INTSAFE_MINSHORT_, MAXSHORT, (SHORT)-1)
KMDFSIM_INTSAFE_SIGNED_TO_SIGNED_(RtlLongToInt, LONG, INT, MININT32, MAXINT32, INT_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_SIGNED_(RtlLongPtrToLong, LONG_PTR, LONG, MINLONG, MAXLONG, LONG_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_SIGNED_(RtlLongLongToInt, LONGLONG, INT, MININT32, MAXINT32, INT_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_SIGNED_(RtlLongLongToLong, LONGLONG, LONG, MINLONG, MAXLONG, LONG_ERROR)
KMDFSIM_INTSAFE_SIGNED_TO_SIGNED_(RtlLongLongToLongPtr, LONGLONG, LONG_PTR, MINLONG_PTR, MAXLONG_PTR, (LONG_PTR)-1)

/* ---- Unsigned arithmetic ------------------------------------------------ */

KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlUShortAdd, USHORT, MAXUSHORT, uadd)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlUShortSub, USHORT, MAXUSHORT, usub)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlUShortMult, USHORT, MAXUSHORT, umul)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlUIntAdd, UINT, MAXUINT32, uadd)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlUIntSub, UINT, MAXUINT32, usub)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlUIntMult, UINT, MAXUINT32, umul)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlULongAdd, ULONG, MAXULONG, uadd)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlULongSub, ULONG, MAXULONG, usub)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlULongMult, ULONG, MAXULONG, umul)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlDWordAdd, DWORD, MAXULONG, uadd)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlDWordSub, DWORD, MAXULONG, usub)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlDWordMult, DWORD, MAXULONG, umul)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlSizeTAdd, SIZE_T, MAXSIZE_T, uadd)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlSizeTSub, SIZE_T, MAXSIZE_T, usub)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlSizeTMult, SIZE_T, MAXSIZE_T, umul)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlULongPtrAdd, ULONG_PTR, MAXULONG_PTR, uadd)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlULongPtrSub, ULONG_PTR, MAXULONG_PTR, usub)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlULongPtrMult, ULONG_PTR, MAXULONG_PTR, umul)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlULongLongAdd, ULONGLONG, MAXUINT64, uadd)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlULongLongSub, ULONGLONG, MAXUINT64, usub)
KMDFSIM_INTSAFE_UNSIGNED_MATH_(RtlULongLongMult, ULONGLONG, MAXUINT64, umul)

/* ---- Signed arithmetic (opt-in, as in the WDK) -------------------------- */

#ifdef ENABLE_INTSAFE_SIGNED_FUNCTIONS
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlShortAdd, SHORT, KMDFSIM_INTSAFE_MINSHORT_, MAXSHORT, sadd)
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlShortSub, SHORT, KMDFSIM_INTSAFE_MINSHORT_, MAXSHORT, ssub)
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlShortMult, SHORT, KMDFSIM_INTSAFE_MINSHORT_, MAXSHORT, smul)
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlIntAdd, INT, MININT32, MAXINT32, sadd)
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlIntSub, INT, MININT32, MAXINT32, ssub)
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlIntMult, INT, MININT32, MAXINT32, smul)
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlLongAdd, LONG, MINLONG, MAXLONG, sadd)
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlLongSub, LONG, MINLONG, MAXLONG, ssub)
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlLongMult, LONG, MINLONG, MAXLONG, smul)
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlLongPtrAdd, LONG_PTR, MINLONG_PTR, MAXLONG_PTR, sadd)
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlLongPtrSub, LONG_PTR, MINLONG_PTR, MAXLONG_PTR, ssub)
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlLongPtrMult, LONG_PTR, MINLONG_PTR, MAXLONG_PTR, smul)
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlLongLongAdd, LONGLONG, MININT64, MAXINT64, sadd)
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlLongLongSub, LONGLONG, MININT64, MAXINT64, ssub)
KMDFSIM_INTSAFE_SIGNED_MATH_(RtlLongLongMult, LONGLONG, MININT64, MAXINT64, smul)
#endif

EXTERN_C_END

#endif /* _NTINTSAFE_H_INCLUDED_ */
