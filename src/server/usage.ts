/** The `serve` lines of the CLI's usage text. */
export const SERVE_USAGE = `  serve               Serve the models over HTTP: API, web page, metrics (binds 127.0.0.1)
      --host ADDR  --port N (default 8080; 0 picks a free port)
      --model NAME             repeatable; the first answers by default (default: plod-small and rules)
      --ab-model NAME --ab-share F   send that share (0 to 1) of requests naming no model to NAME
      --data-dir DIR           default ./plod-server-data (predictions.jsonl, feedback.jsonl)
      --log-file PATH  --no-log-text  --feedback-file PATH  --api-key-file PATH (or $PLOD_API_KEY)
      --max-body BYTES  --max-text CHARS  --max-queue N  --timeout MS  --rate N/min (0: no limit)
      --batch-window MS  --max-batch SENTENCES  --no-batching  --threads N  --shutdown-grace MS
      --analysis-threads N  --max-analysis-memory MB  --body-timeout MS  --max-connections N
      --allow-host NAME  --allow-origin ORIGIN (repeatable)  --max-auth-failures N (a minute)
`;
