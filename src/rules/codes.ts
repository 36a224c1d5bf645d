// Voucher codes as Cohort compares them: trimmed, in capitals (a code is matched case-insensitively).
export const normaliseCode = (code: string) => code.trim().toUpperCase();
