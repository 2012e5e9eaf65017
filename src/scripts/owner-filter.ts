/**
 * Follow-ups by owner: a select that shows one owner's items. The page works without it (a folded
 * list of owner links); with it, choosing an owner whose items are on this page hides the others,
 * and one on another page opens that page with the choice in the address (`?owner=`), kept on reload.
 */
class OwnerFilter extends HTMLElement {
  connectedCallback() {
    const control = this.querySelector<HTMLElement>('[data-owner-control]');
    const select = this.querySelector<HTMLSelectElement>('select');
    const status = this.querySelector<HTMLElement>('[data-owner-status]');
    if (!control || !select) return;
    const sections = [...document.querySelectorAll<HTMLElement>('section[data-owner-anchor]')];
    const apply = (anchor: string) => {
      const shown = sections.filter((section) => !anchor || section.dataset.ownerAnchor === anchor);
      for (const section of sections) section.hidden = !shown.includes(section);
      if (status) {
        const items = shown.reduce((sum, section) => sum + section.querySelectorAll('li').length, 0);
        status.textContent = anchor ? `Showing ${items} item${items === 1 ? '' : 's'} of one owner on this page.` : '';
      }
    };
    select.addEventListener('change', () => {
      const anchor = select.value;
      const url = new URL(location.href);
      if (anchor) url.searchParams.set('owner', anchor);
      else url.searchParams.delete('owner');
      url.hash = '';
      const here = !anchor || sections.some((section) => section.dataset.ownerAnchor === anchor);
      if (!here) {
        // The owner's items start on another page: go there, keeping the choice.
        const page = select.selectedOptions[0]?.dataset.page;
        if (page) {
          const target = new URL(page, location.href);
          target.searchParams.set('owner', anchor);
          location.assign(target);
          return;
        }
      }
      history.replaceState(null, '', url);
      apply(anchor);
    });
    const chosen = new URL(location.href).searchParams.get('owner') ?? '';
    if (chosen && [...select.options].some((option) => option.value === chosen)) {
      select.value = chosen;
      apply(chosen);
    }
    control.hidden = false;
  }
}

customElements.define('owner-filter', OwnerFilter);
