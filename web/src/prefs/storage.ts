// Preferences remembered in this browser. Keys are namespaced, and per user where the brief asks
// ("text size remembered per user"), so two people sharing a commune office PC keep their own.

const PREFIX = 'dangvu.';

export function readPref(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null; // storage disabled: fall back to defaults
  }
}

export function writePref(key: string, value: string): void {
  try {
    localStorage.setItem(PREFIX + key, value);
  } catch {
    // storage full or disabled: the choice lasts for this page only
  }
}
