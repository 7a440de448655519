/** Knowledge tables and pure helpers for CPT 97760 note checking (facts compiled 2026-11). */
export * from './cpt';
export * from './modifiers';
export * from './hcpcs';
export * from './icd10';
export * from './units';
export * from './icd10File';
