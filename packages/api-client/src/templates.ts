import { call, type BodyOf, type Http, type QueryOf, type ResponseOf } from './http.js';

type One = ResponseOf<'/templates/{id}', 'get'>;

/** Template management (settings area) and the live preview. */
export interface TemplatesApi {
  list(query?: QueryOf<'/templates', 'get'>): Promise<ResponseOf<'/templates', 'get'>>;
  get(id: string): Promise<One>;
  create(input: BodyOf<'/templates', 'post'>): Promise<One>;
  update(id: string, input: BodyOf<'/templates/{id}', 'patch'>): Promise<One>;
  remove(id: string): Promise<void>;
  /** The variable catalog (editor palette and docs come from the same data as the renderer). */
  variables(): Promise<ResponseOf<'/templates/variables', 'get'>>;
  /** Renders a saved template or unsaved source against an incident: document, escaped HTML, problems. */
  preview(
    input: BodyOf<'/templates/preview', 'post'>,
    signal?: AbortSignal,
  ): Promise<ResponseOf<'/templates/preview', 'post'>>;
  exportAll(): Promise<ResponseOf<'/templates/export', 'get'>>;
  /** One template as a JSON template file. */
  exportOne(id: string): Promise<unknown>;
  import(input: BodyOf<'/templates/import', 'post'>): Promise<ResponseOf<'/templates/import', 'post'>>;
}

/** Template endpoints over `http`. */
export function templatesApi(http: Http): TemplatesApi {
  const at = (id: string) => ({ params: { path: { id } } });
  return {
    list: (query) => call(http.GET('/templates', { params: { query } })),
    get: (id) => call(http.GET('/templates/{id}', at(id))),
    create: (body) => call(http.POST('/templates', { body })),
    update: (id, body) => call(http.PATCH('/templates/{id}', { ...at(id), body })),
    remove: (id) => call(http.DELETE('/templates/{id}', at(id))),
    variables: () => call(http.GET('/templates/variables')),
    preview: (body, signal) => call(http.POST('/templates/preview', { body, signal })),
    exportAll: () => call(http.GET('/templates/export')),
    exportOne: (id) =>
      call(http.GET('/templates/{id}/export', { params: { path: { id }, query: { format: 'json' } } })),
    import: (body) => call(http.POST('/templates/import', { body })),
  };
}
