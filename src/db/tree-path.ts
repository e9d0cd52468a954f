// Materialized paths: '/1/23/456/' lists the ids from the root down to the org itself.
// Columns are collated "C", so a subtree is the half-open range [path, upper(path)) on a btree.

export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** Smallest string greater than every path in the subtree: '/1/23/' → '/1/230' ('0' follows '/'). */
export function subtreeUpperBound(path: string): string {
  return `${path.slice(0, -1)}0`;
}

export function ancestorIds(path: string): number[] {
  return path
    .split('/')
    .filter((s) => s.length > 0)
    .map(Number);
}

export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}
