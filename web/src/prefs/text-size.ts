import { readPref, writePref } from './storage.js';

// Three steps of text size for elderly readers. Everything in the app scales from the base font
// size (Ant Design's tokens and our rem-based spacing), so one number per step is enough.
export const TEXT_SIZES = ['normal', 'large', 'xlarge'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export const BASE_FONT_PX: Record<TextSize, number> = { normal: 14, large: 18, xlarge: 22 };

const key = (username: string) => `textSize.${username}`;

export function readTextSize(username: string | undefined): TextSize {
  const v = username ? readPref(key(username)) : null;
  return (TEXT_SIZES as readonly string[]).includes(v ?? '') ? (v as TextSize) : 'normal';
}

export function writeTextSize(username: string, size: TextSize): void {
  writePref(key(username), size);
}
