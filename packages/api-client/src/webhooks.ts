import { call, type BodyOf, type Http, type ResponseOf } from './http.js';

type One = ResponseOf<'/webhook-endpoints/{endpointId}', 'get'>;
type WithSecret = ResponseOf<'/webhook-endpoints', 'post'>;
type Delivery = ResponseOf<'/webhook-endpoints/{endpointId}/test', 'post'>;

/** Outbound webhook endpoints (Settings → Webhooks, Integrations Manage). Secrets come back once: create, rotate. */
export interface WebhooksApi {
  list(): Promise<ResponseOf<'/webhook-endpoints', 'get'>>;
  create(input: BodyOf<'/webhook-endpoints', 'post'>): Promise<WithSecret>;
  update(id: string, input: BodyOf<'/webhook-endpoints/{endpointId}', 'patch'>): Promise<One>;
  remove(id: string): Promise<void>;
  rotateSecret(id: string, previousSecretTtlSeconds?: number): Promise<WithSecret>;
  deliveries(id: string): Promise<ResponseOf<'/webhook-endpoints/{endpointId}/deliveries', 'get'>>;
  redeliver(id: string, deliveryId: string): Promise<Delivery>;
  sendTest(id: string): Promise<Delivery>;
}

export function webhooksApi(http: Http): WebhooksApi {
  const at = (endpointId: string) => ({ params: { path: { endpointId } } });
  return {
    list: () => call(http.GET('/webhook-endpoints')),
    create: (body) => call(http.POST('/webhook-endpoints', { body })),
    update: (id, body) => call(http.PATCH('/webhook-endpoints/{endpointId}', { ...at(id), body })),
    remove: (id) => call(http.DELETE('/webhook-endpoints/{endpointId}', at(id))),
    rotateSecret: (id, ttl) =>
      call(
        http.POST('/webhook-endpoints/{endpointId}/rotate-secret', {
          ...at(id),
          body: ttl === undefined ? {} : { previousSecretTtlSeconds: ttl },
        }),
      ),
    deliveries: (id) => call(http.GET('/webhook-endpoints/{endpointId}/deliveries', at(id))),
    redeliver: (id, deliveryId) =>
      call(
        http.POST('/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/redeliver', {
          params: { path: { endpointId: id, deliveryId } },
        }),
      ),
    sendTest: (id) => call(http.POST('/webhook-endpoints/{endpointId}/test', at(id))),
  };
}
