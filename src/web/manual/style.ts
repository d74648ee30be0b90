/**
 * The manual's CSS: the public page's fonts and colours, one readable column on any screen
 * (pictures, tables and code scale or scroll inside their own box, never the page).
 */
export const MANUAL_STYLE = `*{box-sizing:border-box}
body{margin:0;font:16px/1.75 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2328;background:#fff}
header{background:#1f6feb;color:#fff}header .in{max-width:880px;margin:0 auto;padding:10px 16px;font-weight:600}
header a{color:#fff;text-decoration:none}
nav{border-bottom:1px solid #d0d7de;background:#f6f8fa}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:2px 4px;max-width:880px;margin:0 auto;padding:6px 10px}
nav a{display:block;padding:4px 8px;border-radius:6px;color:#0969da;text-decoration:none}
nav a[aria-current="page"]{background:#fff;color:#1f2328;font-weight:600;box-shadow:inset 0 0 0 1px #d0d7de}
main{max-width:880px;margin:0 auto;padding:8px 16px 48px;overflow-wrap:anywhere}
h1{font-size:26px;line-height:1.35}h2{font-size:21px;margin-top:2em;padding-bottom:4px;border-bottom:1px solid #d8dee4}h3{font-size:18px}
a{color:#0969da}
img{max-width:100%;height:auto;border:1px solid #d0d7de;border-radius:6px;vertical-align:top}
picture{display:block;margin:8px 0}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;background:#f6f8fa;padding:1px 4px;border-radius:4px}
pre{background:#f6f8fa;border-radius:6px;padding:10px 12px;overflow-x:auto;line-height:1.5}pre code{padding:0;background:none;overflow-wrap:normal}
.table-wrap{overflow-x:auto;margin:12px 0}table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:4px 10px;text-align:left;vertical-align:top}th{background:#f6f8fa}
blockquote{margin:12px 0;padding:4px 14px;border-left:4px solid #d4a72c;background:#fff8c5}
footer{max-width:880px;margin:0 auto;padding:16px;color:#57606a;font-size:14px;border-top:1px solid #d8dee4}
@media (max-width:640px){body{font-size:15px}main{padding:4px 12px 40px}h1{font-size:22px}h2{font-size:19px}}`;
