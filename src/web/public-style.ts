/**
 * The public pages' style. Below 900 px (a phone, a narrow tablet) each table row becomes a block
 * of “label: value” lines (the labels come from each cell's data-label), so no column is squeezed
 * to one character per line; the table keeps its roles (role="table" etc. in the markup), which
 * a screen reader would otherwise lose with display:block.
 */
export const PUBLIC_STYLE = `*{box-sizing:border-box}
body{font:16px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;color:#1f2328;background:#fff}
header,main,footer{max-width:1280px;margin:0 auto;padding:16px 24px}
h1{font-size:26px;margin:8px 0}h2{font-size:21px;margin:28px 0 8px;border-bottom:2px solid #0969da;padding-bottom:4px}h3{font-size:18px;margin:0 0 8px}
a{color:#0550ae}a:focus,button:focus,input:focus,select:focus{outline:3px solid #fb8c00;outline-offset:2px}
nav.toc a{margin-right:16px;display:inline-block}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
form.search{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:12px;align-items:end;background:#f6f8fa;padding:12px;border-radius:8px}
form.search label{display:block;font-size:14px;color:#424a53}
form.search input,form.search select{width:100%;font:inherit;padding:8px;border:1px solid #8c959f;border-radius:6px;background:#fff;min-height:44px}
form.search .wide{grid-column:1/-1}
.buttons{display:flex;gap:12px;align-items:center}
button{font:inherit;padding:8px 20px;min-height:44px;border:0;border-radius:6px;background:#0969da;color:#fff;cursor:pointer}
table{border-collapse:collapse;width:100%;margin:12px 0}th,td{border:1px solid #d0d7de;padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:#f6f8fa}td.nowrap{white-space:nowrap}.hash{font-family:monospace;font-size:13px;word-break:break-all}
.pager{display:flex;gap:16px;margin:8px 0 16px}.pager a,.pager span{padding:10px 14px;border:1px solid #d0d7de;border-radius:6px;min-height:44px}
.pager span{color:#57606a}
article.draw,article.plan{border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin:12px 0}article.plan h4{margin:0 0 8px}
dl.fields{display:grid;grid-template-columns:9em minmax(0,1fr);gap:4px 12px;margin:0}dl.fields dt{color:#57606a}dl.fields dd{margin:0;overflow-wrap:anywhere}
.status-ended{color:#9a6700;font-weight:bold}
ol.items li{margin-bottom:8px}
@media (max-width:900px){header,main,footer{padding:12px}h1{font-size:21px}
table[data-stack] thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table[data-stack],table[data-stack] tbody{display:block;width:100%}table[data-stack] tr,table[data-stack] td,table[data-stack] tbody th{display:block}
table[data-stack] tr{border:1px solid #d0d7de;border-radius:6px;margin-bottom:10px;padding:4px 0}
table[data-stack] td,table[data-stack] tbody th{border:0;font-weight:normal;white-space:normal;display:grid;grid-template-columns:7.5em minmax(0,1fr);gap:8px;padding:2px 10px;overflow-wrap:anywhere}
table[data-stack] td::before,table[data-stack] tbody th::before{content:attr(data-label);color:#57606a}table[data-stack] tbody th{font-weight:bold}table[data-stack] td[colspan]{display:block}table[data-stack] td[colspan]::before{content:none}
dl.fields{grid-template-columns:minmax(0,1fr)}dl.fields dd{margin-bottom:6px}}`;
