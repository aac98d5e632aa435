/** The report's inline stylesheet and its one optional script (severity filter). */
import { createHash } from 'node:crypto';
import { SEVERITY_COLOR, SEVERITY_DISPLAY_ORDER } from './chart.js';

/** Badge backgrounds and finding borders, from the one colour table (contrast-checked in tests). */
const SEVERITY_CSS = SEVERITY_DISPLAY_ORDER.map(
  (s) =>
    `.sev-${s}{background:${SEVERITY_COLOR[s]}}article.finding.f-${s}{border-left-color:${SEVERITY_COLOR[s]}}`,
).join('\n');

export const CSS = `
:root{--fg:#111827;--muted:#4b5563;--bg:#fff;--panel:#f8fafc;--line:#d1d5db;--accent:#1e3a8a;
--pass:#166534;--fail:#b42318;--dyn:#8a4b00;--na:#4b5563;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;
font-size:16px;line-height:1.5;color:var(--fg);background:var(--bg)}
*{box-sizing:border-box}
body{margin:0}
.wrap{max-width:1100px;margin:0 auto;padding:24px}
header.top{border-bottom:3px solid var(--accent);margin-bottom:24px;padding-bottom:12px}
header.top .eyebrow{color:var(--muted);font-size:.85rem;text-transform:uppercase;letter-spacing:.08em;margin:0}
h1{font-size:1.8rem;margin:.2rem 0;overflow-wrap:anywhere}
h2{font-size:1.35rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line);padding-bottom:.3rem}
h3{font-size:1.1rem;margin:0;overflow-wrap:anywhere}
h4{font-size:.95rem;margin:1rem 0 .4rem;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
h5{font-size:.85rem;margin:.2rem 0;color:var(--muted)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.875em}
code{overflow-wrap:anywhere}
pre.code{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:10px;overflow:auto;
white-space:pre-wrap;overflow-wrap:anywhere;max-height:28rem;margin:.4rem 0}
.muted{color:var(--muted)}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:16px}
dl{margin:0}
.kv{display:grid;grid-template-columns:11rem 1fr;gap:8px;padding:3px 0;border-bottom:1px dotted var(--line)}
.kv:last-child{border-bottom:0}
dt{color:var(--muted);font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{background:var(--panel)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;min-width:5.2em;text-align:center;border-radius:4px;padding:1px 8px;color:#fff;
font-size:.78rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;vertical-align:middle}
${SEVERITY_CSS}
.status{font-weight:700}
.st-pass{color:var(--pass)}.st-fail{color:var(--fail)}.st-needs-dynamic-test{color:var(--dyn)}.st-not-applicable{color:var(--na)}
.sevbar{display:block;margin:8px 0;border-radius:4px}
.legend{display:flex;flex-wrap:wrap;gap:12px;list-style:none;padding:0;margin:4px 0 0}
.legend li{display:flex;align-items:center;gap:6px}
.swatch{width:12px;height:12px;border-radius:2px;display:inline-block}
article.finding{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;padding:14px 16px;margin:12px 0;
break-inside:avoid-page}
article.finding.suppressed{background:#f9fafb;border-style:dashed}
.fhead{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.meta{color:var(--muted);font-size:.85rem;margin:.3rem 0}
.meta span+span::before{content:" · "}
.message{font-size:1rem;margin:.5rem 0;overflow-wrap:anywhere}
ol.evidence{list-style:none;padding:0;margin:0}
li.ev{border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin:6px 0;background:#fff}
.ev-kind{font-size:.75rem;font-weight:700;color:var(--accent);text-transform:uppercase;letter-spacing:.05em}
.http-pair{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.note{font-style:italic;color:var(--muted);margin:.3rem 0}
.evtext{margin:.2rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.supp{background:#fef3c7;border:1px solid #d97706;border-radius:4px;padding:4px 8px;font-size:.9rem}
.refs{margin:.3rem 0;padding-left:1.2rem}
.filters{border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin:12px 0}
.filters fieldset{border:0;padding:0;margin:0}
.filters label{margin-right:14px;white-space:nowrap}
ol.top{padding-left:1.4rem}
ol.top li{margin:4px 0}
nav.toc ul{columns:2;padding-left:1.2rem}
footer{margin-top:40px;border-top:1px solid var(--line);padding-top:12px;color:var(--muted);font-size:.85rem}
a{color:var(--accent)}
a:focus-visible,pre:focus-visible,input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip:focus{position:static;width:auto;height:auto;clip:auto;display:inline-block;padding:6px 10px;background:#fff}
@media (max-width:700px){.http-pair{grid-template-columns:1fr}.kv{grid-template-columns:1fr}}
@media print{
 :root{font-size:11pt}.wrap{max-width:none;padding:0}.filters,nav.toc{display:none}
 pre.code{max-height:none;overflow:visible}
 article.finding{break-inside:avoid}h2{break-after:avoid}
 .badge,.swatch,.sevbar rect{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
`;

/**
 * Optional severity filter. The report is complete without it: the filter form starts `hidden`
 * and only this script reveals it.
 */
export const SCRIPT = `(function(){
var form=document.getElementById('filters');if(!form)return;form.hidden=false;
function apply(){
var on={};var boxes=form.querySelectorAll('input[data-sev]');
for(var i=0;i<boxes.length;i++){on[boxes[i].getAttribute('data-sev')]=boxes[i].checked;}
var supp=document.getElementById('show-suppressed');var showSupp=!supp||supp.checked;
var arts=document.querySelectorAll('article.finding');
for(var j=0;j<arts.length;j++){var a=arts[j];
a.hidden=!on[a.getAttribute('data-severity')]||(!showSupp&&a.getAttribute('data-suppressed')==='true');}
var groups=document.querySelectorAll('section.area');
for(var k=0;k<groups.length;k++){var g=groups[k];g.hidden=!g.querySelector('article.finding:not([hidden])');}
}
form.addEventListener('change',apply);apply();
})();`;

/** CSP hash source of SCRIPT, so the page can forbid every other script. */
export const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`;

/** No network, no plugins, no frames: only our inline style and our one hashed script. */
export const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src '${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;
