// parse-prometheus-text-format ships no types: the shape of what it returns.
declare module 'parse-prometheus-text-format' {
  type Labels = Record<string, string>;
  type Sample =
    | { value: string; labels?: Labels }
    | { buckets: Record<string, string>; count: string; sum: string; labels?: Labels };
  export type MetricFamily = { name: string; help: string; type: string; metrics: Sample[] };
  export default function parsePrometheusTextFormat(text: string): MetricFamily[];
}
