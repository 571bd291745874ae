/** Where the Open311 API lives: the local server's route and the function's HTTP access path (the deploy configures it). */
export const GEOREPORT_PATH = '/open311/v2'
