// The schedules pages' words: Simplified Chinese (the hospital's language) and English, every key in both.
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
