// Only @actions/core's OIDC client (getIDToken) uses this; the action never calls it.
export class HttpClient {
  constructor() {
    throw new Error('OIDC token requests are not supported by this action')
  }
}
