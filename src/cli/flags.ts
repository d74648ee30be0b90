/** `--name value` pairs and positional arguments; unknown or valueless flags are errors (Chinese). */
export function parseFlags(
  args: string[],
  allowed: readonly string[],
): { ok: true; flags: Record<string, string>; positional: string[] } | { ok: false; error: string } {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (!allowed.includes(name)) return { ok: false, error: `未知的选项 --${name}。` };
    const value = inline ?? args[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) return { ok: false, error: `选项 --${name} 缺少值。` };
    flags[name] = value;
  }
  return { ok: true, flags, positional };
}
