import { call, type BodyOf, type Http, type ResponseOf } from './http.js';

/** One in-app notification. */
export type AppNotification = ResponseOf<'/notifications', 'get'>['items'][number];
export type NotificationSettings = ResponseOf<'/me/notification-settings', 'get'>;

/** The signed-in user's in-app notifications (the bell) and notification settings. */
export interface NotificationsApi {
  /** Mine, newest first, with the total unread count. */
  list(limit?: number): Promise<ResponseOf<'/notifications', 'get'>>;
  markRead(id: string): Promise<ResponseOf<'/notifications/{id}/read', 'post'>>;
  markAllRead(): Promise<ResponseOf<'/notifications/read-all', 'post'>>;
  settings(): Promise<ResponseOf<'/me/notification-settings', 'get'>>;
  saveSettings(
    input: BodyOf<'/me/notification-settings', 'put'>,
  ): Promise<ResponseOf<'/me/notification-settings', 'put'>>;
}

export function notificationsApi(http: Http): NotificationsApi {
  return {
    list: (limit) => call(http.GET('/notifications', { params: { query: limit ? { limit } : {} } })),
    markRead: (id) => call(http.POST('/notifications/{id}/read', { params: { path: { id } } })),
    markAllRead: () => call(http.POST('/notifications/read-all')),
    settings: () => call(http.GET('/me/notification-settings')),
    saveSettings: (body) => call(http.PUT('/me/notification-settings', { body })),
  };
}
