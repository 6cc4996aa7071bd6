/** What a dry run prints: the exact body, and a curl command that sends it. */

/** Shell single-quoting. */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

export function curlCommand(baseUrl: string, bodyJson: string): string {
  const marker = bodyJson.includes('\nJSON\n') ? 'SEEDANCE_JSON_BODY' : 'JSON'
  return [
    `curl -sS -X POST ${sq(`${baseUrl}/v1/videos`)} \\`,
    `  -H "Authorization: Bearer $POWERTOKENS_API_KEY" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  --data-binary @- <<'${marker}'`,
    bodyJson,
    marker
  ].join('\n')
}
