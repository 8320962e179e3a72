/** The explorer's stylesheet, inlined into the page (allowed by the page's Content-Security-Policy hash). */
export const EXPLORER_CSS = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#0f172a;background:#f1f5f9}
header{display:flex;align-items:center;gap:16px;padding:10px 18px;background:#0f172a;color:#f8fafc;flex-wrap:wrap}
header h1{font-size:17px;margin:0;font-weight:650;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:38vw}
header h1 span{color:#94a3b8;font-weight:400}
.chips{display:flex;gap:8px;flex-wrap:wrap}
.chip{background:#1e293b;border-radius:999px;padding:2px 10px;font-size:12.5px;color:#cbd5e1;white-space:nowrap}
.chip b{color:#f8fafc}
.chip.warn b{color:#fbbf24}
#search{margin-left:auto;width:300px;max-width:100%;padding:6px 10px;border-radius:6px;border:1px solid #334155;background:#1e293b;color:#f8fafc;font:inherit}
#search::placeholder{color:#94a3b8}
main{display:grid;grid-template-columns:minmax(0,1fr) 440px;height:calc(100vh - 260px);min-height:420px;border-bottom:1px solid #cbd5e1}
#graph{position:relative;background:#fff;overflow:hidden}
#graph svg{width:100%;height:100%;display:block;cursor:grab;user-select:none}
#graph svg.dragging{cursor:grabbing}
.node circle{stroke:#0f172a;stroke-width:1.2;cursor:pointer}
.node circle.hit{stroke:none}
.node.shared circle{stroke-dasharray:4 3}
.node.selected circle:not(.hit){stroke:#2563eb;stroke-width:4}
.node text{font-size:12px;fill:#0f172a;pointer-events:none;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.node .count{font-size:10.5px;fill:#0f172a;stroke:none;font-weight:600}
.link{stroke:#64748b;stroke-opacity:.45;fill:none}
.link.table{stroke:#b45309;stroke-dasharray:6 4}
.link.kernel{stroke-opacity:.14}
.dim .node:not(.near){opacity:.25}
.dim .link:not(.near){stroke-opacity:.05}
.link.near{stroke-opacity:.85}
.toolbar{position:absolute;left:10px;top:10px;display:flex;gap:6px;align-items:center;background:rgba(255,255,255,.92);padding:4px 8px;border-radius:6px;border:1px solid #e2e8f0;font-size:12.5px}
.legend{position:absolute;left:10px;bottom:10px;background:rgba(255,255,255,.92);padding:6px 10px;border-radius:6px;border:1px solid #e2e8f0;font-size:12px;color:#334155}
.legend .scale{display:inline-block;width:120px;height:10px;border-radius:3px;vertical-align:middle;margin:0 6px;background:linear-gradient(90deg,#cd3030,#cdcd30,#30cd30)}
button{font:inherit;font-size:12.5px;padding:3px 9px;border:1px solid #cbd5e1;border-radius:5px;background:#fff;color:#0f172a;cursor:pointer}
button:hover{background:#f1f5f9}
#panel{background:#fff;border-left:1px solid #cbd5e1;overflow:auto;padding:14px 18px}
#panel h2{font-size:18px;margin:0 0 4px}
#panel table{font-size:12.5px}
#panel td .loc{white-space:nowrap}
#panel h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#475569;margin:18px 0 6px}
.muted{color:#64748b}
.badge{display:inline-block;border-radius:4px;padding:0 7px;font-size:12px;font-weight:650;color:#0f172a;border:1px solid rgba(15,23,42,.25)}
.sev-error{color:#b91c1c;font-weight:600}.sev-warning{color:#b45309;font-weight:600}.sev-info{color:#475569}
.loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;color:#1d4ed8;overflow-wrap:anywhere}
a.loc{text-decoration:none}a.loc:hover{text-decoration:underline}
.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;overflow-wrap:break-word}
.linkish{color:#1d4ed8;cursor:pointer}
.linkish:hover{text-decoration:underline}
ul.plain{list-style:none;padding:0;margin:0}
ul.plain li{padding:2px 0}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e2e8f0;vertical-align:top}
th{position:sticky;top:0;background:#f8fafc;cursor:pointer;white-space:nowrap;font-weight:600;color:#334155}
th[aria-sort=ascending]::after{content:" \\25B2";font-size:9px}
th[aria-sort=descending]::after{content:" \\25BC";font-size:9px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.clickable{cursor:pointer}
tr.clickable:hover td{background:#eff6ff}
.more{margin:8px 0}
#tabs{background:#fff}
.tabbar{display:flex;gap:2px;padding:0 12px;border-bottom:1px solid #cbd5e1;background:#f8fafc;flex-wrap:wrap}
.tabbar button{border:none;border-bottom:3px solid transparent;border-radius:0;background:none;padding:9px 12px;font-size:13.5px;color:#475569}
.tabbar button.active{border-bottom-color:#2563eb;color:#0f172a;font-weight:600}
.tabbody{padding:10px 18px 40px;max-height:70vh;overflow:auto}
details{margin:4px 0}
summary{cursor:pointer}
pre{background:#f8fafc;border:1px solid #e2e8f0;padding:8px;overflow:auto;font-size:12px;max-height:400px}
.factor{margin:6px 0;padding:6px 8px;border:1px solid #e2e8f0;border-radius:6px}
.factor .bar{height:6px;border-radius:3px;background:#e2e8f0;margin-top:4px}
.factor .bar span{display:block;height:100%;border-radius:3px;background:#2563eb}
.filter{width:100%;padding:4px 8px;margin:4px 0 6px;border:1px solid #cbd5e1;border-radius:5px;font:inherit;font-size:13px}
.empty{color:#64748b;font-style:italic}
@media (max-width:900px){main{grid-template-columns:1fr;height:auto}#graph{height:60vh}}
`;
