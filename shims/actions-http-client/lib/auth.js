export class BearerCredentialHandler {
  constructor(token) {
    this.token = token
  }
}
