import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The server's Prometheus metrics, in a registry of its own (so several servers can share a process). */
export class ServerMetrics {
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'plod_requests_total',
    help: 'HTTP requests answered, by route, status code and the model that answered',
    labelNames: ['route', 'status', 'model'] as const,
    registers: [this.registry],
  });

  private readonly latency = new Histogram({
    name: 'plod_request_duration_seconds',
    help: 'Time from request to response, by route and model',
    labelNames: ['route', 'model'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly errors = new Counter({
    name: 'plod_errors_total',
    help: 'Requests answered with an error, by route, kind and model',
    labelNames: ['route', 'kind', 'model'] as const,
    registers: [this.registry],
  });

  private readonly batchRequests = new Histogram({
    name: 'plod_batch_requests',
    help: 'Requests merged into one model call',
    labelNames: ['model'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [this.registry],
  });

  private readonly batchSentences = new Histogram({
    name: 'plod_batch_sentences',
    help: 'Sentences in one model call',
    labelNames: ['model'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    registers: [this.registry],
  });

  private readonly batchSeconds = new Histogram({
    name: 'plod_batch_duration_seconds',
    help: 'Time one model call took',
    labelNames: ['model'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  private readonly fileErrors = new Counter({
    name: 'plod_log_write_failures_total',
    help: 'Failed writes of the prediction log or the feedback file, by file',
    labelNames: ['file'] as const,
    registers: [this.registry],
  });

  private queueLengths: () => Record<string, number> = () => ({});

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const lengths = () => this.queueLengths();
    new Gauge({
      name: 'plod_queue_length',
      help: 'Requests waiting for a model',
      labelNames: ['model'] as const,
      registers: [this.registry],
      collect() {
        for (const [model, length] of Object.entries(lengths())) this.set({ model }, length);
      },
    });
  }

  /** Where the queue-length gauge reads its values, per model. */
  watchQueues(queueLengths: () => Record<string, number>): void {
    this.queueLengths = queueLengths;
  }

  recordResponse(route: string, status: number, model: string, seconds: number, errorKind?: string): void {
    this.requests.inc({ route, status: String(status), model });
    this.latency.observe({ route, model }, seconds);
    if (status >= 400) this.errors.inc({ route, kind: errorKind ?? String(status), model });
  }

  recordBatch(model: string, batch: { requests: number; sentences: number; seconds: number }): void {
    this.batchRequests.observe({ model }, batch.requests);
    this.batchSentences.observe({ model }, batch.sentences);
    this.batchSeconds.observe({ model }, batch.seconds);
  }

  recordFileError(file: string): void {
    this.fileErrors.inc({ file });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
