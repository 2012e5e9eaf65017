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
    const boxes: { text: string; rect: DOMRect }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('select, script, style, template, [hidden]')) continue;
      const style = getComputedStyle(parent);
      if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        // Visually hidden text is one clipped pixel; it is meant to sit anywhere.
        if (rect.width > 1 && rect.height > 1) boxes.push({ text: text.slice(0, 30), rect });
      }
    }
    const found: string[] = [];
    const SLACK = 3;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!.rect, boxes[j]!.rect];
        const wide = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const high = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (wide > SLACK && high > SLACK) found.push(`“${boxes[i]!.text}” overlaps “${boxes[j]!.text}”`);
      }
    }
    return found.slice(0, 10);
  });
}
