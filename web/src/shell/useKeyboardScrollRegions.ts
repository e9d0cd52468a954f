import { useEffect } from 'react';

// A table wider than its column scrolls sideways inside Ant Design's `.ant-table-content` (or
// `.ant-table-body`), which a keyboard cannot reach: WCAG 2.1.1, found by the axe audit
// (test/browser/a11y.test.ts, rule scrollable-region-focusable). Every such region that actually
// scrolls becomes a tab stop, so the arrow keys scroll it; one watcher here covers every table of
// every page, present and future.

const REGIONS = '.ant-table-content, .ant-table-body';

function mark(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>(REGIONS)) {
    const scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
    if (scrolls && el.tabIndex < 0) el.tabIndex = 0;
    else if (!scrolls && el.getAttribute('tabindex') === '0') el.removeAttribute('tabindex');
  }
}

export function useKeyboardScrollRegions(): void {
  useEffect(() => {
    let queued = false;
    const update = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        mark(document);
      });
    };
    const observer = new MutationObserver(update);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', update);
    update();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
    };
  }, []);
}
