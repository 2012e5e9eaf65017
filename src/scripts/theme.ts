/**
 * Light/dark theme: follows the system until the reader picks one, then remembers it.
 * Loaded as an external module (no inline script), so the Content-Security-Policy stays strict.
 */
const STORAGE_KEY = 'kb-theme';
type Theme = 'light' | 'dark';

function stored(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

function current(): Theme {
  return stored() ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
}

/** The button names the theme it switches to, so its words always match what a press does. */
function label(button: HTMLButtonElement, theme: Theme) {
  const text = button.querySelector('[data-theme-label]');
  if (text) text.textContent = theme === 'dark' ? 'Light theme' : 'Dark theme';
  button.title = theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme';
}

function apply(theme: Theme) {
  document.documentElement.dataset.theme = theme;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) label(button, theme);
  document.dispatchEvent(new CustomEvent('kb:themechange', { detail: theme }));
}

class ThemeToggle extends HTMLElement {
  connectedCallback() {
    const button = this.querySelector('button');
    if (!button) return;
    button.hidden = false;
    label(button, current());
    button.addEventListener('click', () => {
      const next: Theme = current() === 'dark' ? 'light' : 'dark';
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Private modes may refuse storage; the choice then lasts for this page only.
      }
      apply(next);
    });
  }
}

if (stored()) apply(stored()!);
customElements.define('theme-toggle', ThemeToggle);
