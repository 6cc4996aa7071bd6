// Only @actions/core's platform.getDetails() uses this; the action never calls it.
function unavailable() {
  return Promise.reject(new Error('@actions/exec is not bundled with this action'))
}
export const exec = unavailable
export const getExecOutput = unavailable
