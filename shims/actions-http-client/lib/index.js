// Only @actions/core's OIDC client (getIDToken) uses this; the action never calls it.
export class HttpClient {
  constructor() {
    throw new Error('@actions/http-client is not bundled with this action (no OIDC token requests)')
  }
}
