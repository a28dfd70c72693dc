// mailsift review: the reveal button. Revealing is a POST with a custom
// header (which a page of another site cannot send); the server records
// it in the audit log before it answers with the raw value.
'use strict';

document.addEventListener('click', async (ev) => {
  const btn = ev.target.closest('button.reveal');
  if (!btn || btn.disabled) return;
  const box = btn.closest('.value-box');
  const value = box.querySelector('.value');
  const status = box.querySelector('.reveal-status');
  btn.disabled = true;
  status.textContent = '';
  try {
    const res = await fetch('/api/reveal', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Mailsift': 'reveal' },
      body: JSON.stringify({ id: btn.dataset.id }),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || res.status + ' ' + res.statusText);
    // textContent, never innerHTML: the value is data, not markup.
    value.textContent = body.value;
    value.classList.add('revealed');
    value.title = '元の値（監査ログに記録済み） raw value, recorded in the audit log';
    btn.textContent = '表示済み';
  } catch (e) {
    status.textContent = '表示できません: ' + e.message;
    btn.disabled = false;
  }
});

// Changing the sort or the page size searches again.
for (const id of ['sort', 'size']) {
  const el = document.getElementById(id);
  if (el) el.addEventListener('change', () => el.form.submit());
}
