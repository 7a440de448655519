/** Knowledge tables and pure helpers for CPT 97760 note checking (v1 facts compiled 2026-11; v2 tables 2026-11-29). */
export * from './cpt';
export * from './modifiers';
export * from './hcpcs';
export * from './icd10';
export * from './units';
export * from './icd10File';
export * from './sources';
export * from './therapyCodes';
export * from './sideModifiers';
export * from './seventhCharacter';
export * from './credentials';
