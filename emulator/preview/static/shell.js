// The preview page around the phone: who you are, which page, large text. The phone is
// phone.html in an iframe; its address is the same query (page, openid, text, the page's query).
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const known = ['demo-resident', 'demo-delegate', 'staff-openid'];

function phoneUrl() {
  const next = new URLSearchParams($('query').value.trim());
  next.set('page', $('page').value);
  next.set('openid', $('identity').value || $('custom').value.trim() || 'demo-resident');
  if ($('large').checked) next.set('text', 'large');
  return `phone.html?${next}`;
}

function open() {
  const url = phoneUrl();
  $('phone').src = url;
  history.replaceState(null, '', `?${url.split('?')[1]}`);
}

function showDirect() {
  const url = new URL($('phone').contentWindow?.location.href ?? phoneUrl(), location.href);
  $('direct').href = url.href;
  $('direct').textContent = url.pathname + url.search;
}

fetch('pages.json')
  .then((response) => response.json())
  .then(({ pages }) => {
    for (const page of pages) $('page').append(new Option(`${page.title} · ${page.key}`, page.key));
    const openid = params.get('openid') ?? 'demo-resident';
    $('identity').value = known.includes(openid) ? openid : '';
    $('custom').value = known.includes(openid) ? '' : openid;
    $('custom-row').hidden = known.includes(openid);
    if (params.get('page')) $('page').value = params.get('page').split('?')[0];
    $('large').checked = params.get('text') === 'large';
    const query = new URLSearchParams(params);
    for (const name of ['page', 'openid', 'text']) query.delete(name);
    $('query').value = query.toString();
    open();
  });

$('identity').onchange = () => {
  $('custom-row').hidden = $('identity').value !== '';
  if ($('identity').value) open();
};
$('open').onclick = open;
$('large').onchange = open;
$('page').onchange = () => {
  $('query').value = '';
  open();
};
$('refresh').onclick = () => $('phone').contentWindow?.__yztPreview?.refresh();
$('phone').onload = showDirect;
window.addEventListener('message', (event) => {
  if (event.data?.type !== 'yzt-preview-page') return;
  if (event.data.page) $('page').value = event.data.page;
  $('query').value = new URLSearchParams(event.data.query).toString();
  showDirect();
});
