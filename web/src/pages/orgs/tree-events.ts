// The org structure changed (an org founded, renamed, moved, merged, dissolved): the tree drops
// the levels it loaded. A plain event rather than shared state, since only the tree keeps them.
const target = new EventTarget();

export function announceTreeChanged(): void {
  target.dispatchEvent(new Event('changed'));
}

export function onTreeChanged(listener: () => void): () => void {
  target.addEventListener('changed', listener);
  return () => target.removeEventListener('changed', listener);
}
