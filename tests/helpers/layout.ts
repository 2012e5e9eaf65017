/**
 * Layout checks shared by the browser tests: what reaches past the screen's edge, and text
 * drawn over other text.
 */
import type { Page } from 'playwright-core';

/** Visible elements wider than the viewport, or reaching past its right edge, as short descriptions. */
export function tooWide(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width)
      found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
    for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      // Visually hidden text (1 px, clipped) and the skip link parked off-screen are meant to be there.
      const style = getComputedStyle(element);
      if (style.position === 'absolute' && (rect.width <= 1 || rect.bottom <= 0)) continue;
      if (rect.width > width + 0.5 || rect.right > width + 0.5 || rect.left < -0.5) {
        const name = `${element.localName}${element.id ? `#${element.id}` : ''}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}`;
        found.push(`${name} spans ${Math.round(rect.left)}–${Math.round(rect.right)} px`);
      }
    }
    return found.slice(0, 10);
  });
}

/**
 * Pairs of visible text boxes that cover each other by more than a few pixels each way, as
 * short descriptions. Each text node's lines are measured with a Range, so wrapped text and
 * inline runs are checked, not element boxes that may legitimately nest.
 */
export function overlappingText(page: Page) {
  return page.evaluate(() => {
    const boxes: { node: Node; text: string; rect: DOMRect }[] = [];
    // A closed <details> lays its content out but shows only its summary; closed ones may nest.
    const inClosedDetails = (element: Element) => {
      const summary = element.closest('summary');
      for (let details = element.closest('details:not([open])'); details;) {
        if (summary?.parentElement !== details) return true;
        details = details.parentElement?.closest('details:not([open])') ?? null;
      }
      return false;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('select, script, style, template, [hidden]') || inClosedDetails(parent))
        continue;
      const style = getComputedStyle(parent);
      if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
      // What clipping ancestors (scroll boxes, visually hidden text) leave of the text on screen.
      let clip = new DOMRect(-1e6, -1e6, 2e6, 2e6);
      for (
        let element: Element | null = parent;
        element && element !== document.body;
        element = element.parentElement
      ) {
        const css = getComputedStyle(element);
        const clips =
          css.overflowX !== 'visible' ||
          css.overflowY !== 'visible' ||
          css.clipPath !== 'none' ||
          (css as unknown as Record<string, string>).clip !== 'auto';
        if (!clips) continue;
        const box = element.getBoundingClientRect();
        const [left, top] = [Math.max(clip.left, box.left), Math.max(clip.top, box.top)];
        const [right, bottom] = [Math.min(clip.right, box.right), Math.min(clip.bottom, box.bottom)];
        clip = new DOMRect(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
      }
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const line of range.getClientRects()) {
        const [left, top] = [Math.max(clip.left, line.left), Math.max(clip.top, line.top)];
        const [right, bottom] = [Math.min(clip.right, line.right), Math.min(clip.bottom, line.bottom)];
        // Visually hidden text is one clipped pixel; it is meant to sit anywhere.
        if (right - left > 1 && bottom - top > 1)
          boxes.push({ node, text: text.slice(0, 30), rect: new DOMRect(left, top, right - left, bottom - top) });
      }
    }
    const found: string[] = [];
    const SLACK = 3;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        // The lines of one text run may touch; only different runs can cover each other.
        if (boxes[i]!.node === boxes[j]!.node) continue;
        const [a, b] = [boxes[i]!.rect, boxes[j]!.rect];
        const wide = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const high = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (wide > SLACK && high > SLACK) found.push(`“${boxes[i]!.text}” overlaps “${boxes[j]!.text}”`);
      }
    }
    return found.slice(0, 10);
  });
}

/**
 * Tables whose columns reach past a box that clips them, as short descriptions. A table may be
 * wider than its box only inside a scroll region a keyboard reaches and a screen reader names
 * (`tabindex="0"`, `role="region"`, an `aria-label`); folded tables are opened first.
 */
export function cutTables(page: Page) {
  return page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
    const found: string[] = [];
    for (const table of document.querySelectorAll<HTMLTableElement>('main table')) {
      const name =
        table.dataset.table ?? table.caption?.textContent?.trim().slice(0, 40) ?? table.rows[0]?.textContent?.trim();
      for (let box = table.parentElement; box && box !== document.body; box = box.parentElement) {
        if (box.scrollWidth <= box.clientWidth + 1) continue;
        const region =
          box.getAttribute('tabindex') === '0' &&
          box.getAttribute('role') === 'region' &&
          (box.getAttribute('aria-label') ?? '').trim() !== '' &&
          getComputedStyle(box).overflowX === 'auto';
        if (!region) found.push(`${name}: ${box.scrollWidth} px wide in a box of ${box.clientWidth} px`);
        break;
      }
      const { right } = table.getBoundingClientRect();
      const scroller = table.closest('[role="region"]');
      const edge = scroller ? scroller.getBoundingClientRect().right : document.documentElement.clientWidth;
      if (!scroller && right > edge + 1) found.push(`${name}: reaches ${Math.round(right)} px, past ${edge} px`);
    }
    return found;
  });
}
