// Dates from which the documents of rules.md §1 and §17 are in force, for parameter versions.
// A parameter's first version starts at the earliest source rules.md cites for it; events before
// it raise RuleNotInForceError until an earlier version is verified and added.
export const IN_FORCE = {
  DL2011: '2011-01-19', // Điều lệ Đảng (XI)
  QD29: '2016-07-25', // Quy định 29-QĐ/TW, effective on signing
  QD24: '2021-07-30', // Quy định 24-QĐ/TW
  HD06: '2025-06-09', // Hướng dẫn 06-HD/TW, effective on signing
  QD294: '2025-07-01', // Quy định 294-QĐ/TW (signed 26/05/2025)
  HN_HHD: '2025-08-01', // Hà Nội badge guidance, "08/2025": day not given, first of the month taken
  QD347: '2025-09-02', // Quy định 347-QĐ/TW (08/08/2025): the new party card model, in use from 02/09/2025 (HD38 §II.2.1)
  HD38: '2025-09-29', // Hướng dẫn 38-HD/BTCTW, effective on signing
  HN_HD02: '2025-11-21', // Hướng dẫn 02-HD/BTCTU Hà Nội
} as const;
