import "server-only";
import { z } from "zod";
import type { ServiceCtx } from "../../context";
import { createLocation, getLocation, listLocationPage, locationInput, locationKinds, updateLocation } from "../../fleet";
import { defineOperation } from "../operation";
import { idParam, instant, pageOf, pageQuery } from "../schemas";

export const locationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    address: z.string(),
    kind: z.enum(locationKinds).meta({ description: "The kind of place the machines stand in" }),
    latitude: z.number().nullable().meta({ description: "Decimal degrees; null when the location has no coordinates" }),
    longitude: z.number().nullable().meta({ description: "Decimal degrees; null when the location has no coordinates" }),
    created_at: instant(),
  })
  .meta({ id: "Location" });

type FleetLocation = Awaited<ReturnType<typeof getLocation>>;

/** A location in the API's words. */
function locationBody(l: FleetLocation): z.input<typeof locationSchema> {
  return { id: l.id, name: l.name, address: l.address, kind: l.kind, latitude: l.latitude, longitude: l.longitude, created_at: l.createdAt.toISOString() };
}

const locationParams = z.object({ location_id: idParam("The location's id") });
const readLocation = (ctx: ServiceCtx, params: { location_id: string }) => getLocation(ctx, params.location_id).then(locationBody);

// The fields as the app's location form checks them; the pair of coordinates is checked by the service.
const fields = locationInput.shape;
const coordinates = "Send latitude and longitude together (both numbers, or both null).";

const example = {
  id: "loc_3kT9aZ1q",
  name: "Central station",
  address: "Europaplatz 1, 10557 Berlin",
  kind: "station",
  latitude: 52.525,
  longitude: 13.3694,
  created_at: "2026-03-14T10:00:00.000Z",
} as const;

export const listLocations = defineOperation({
  id: "listLocations",
  method: "GET",
  path: "/locations",
  scope: "locations:read",
  tag: "Locations",
  summary: "List locations",
  description: "The org's locations (the places machines stand in), oldest first, a page at a time.",
  query: z.object(pageQuery),
  response: pageOf(locationSchema),
  examples: { response: { data: [example], next_cursor: null } },
  handle: async (ctx, { query }) => {
    const page = await listLocationPage(ctx, query);
    return { data: page.items.map(locationBody), next_cursor: page.nextCursor };
  },
});

export const getLocationOperation = defineOperation({
  id: "getLocation",
  method: "GET",
  path: "/locations/{location_id}",
  scope: "locations:read",
  tag: "Locations",
  summary: "Get a location",
  params: locationParams,
  response: locationSchema,
  examples: { response: example },
  handle: (ctx, { params }) => readLocation(ctx, params),
});

export const createLocationOperation = defineOperation({
  id: "createLocation",
  method: "POST",
  path: "/locations",
  scope: "locations:write",
  tag: "Locations",
  summary: "Create a location",
  description: `Adds a place machines can stand in; assign machines to it with \`PATCH /machines/{machine_id}\`. ${coordinates} Send an \`Idempotency-Key\` to create it only once however often the request is repeated.`,
  body: z
    .object({
      name: fields.name,
      address: fields.address,
      kind: fields.kind,
      latitude: fields.latitude,
      longitude: fields.longitude,
    })
    .strict(),
  response: locationSchema,
  status: 201,
  examples: {
    request: { name: "Central station", address: "Europaplatz 1, 10557 Berlin", kind: "station", latitude: 52.525, longitude: 13.3694 },
    response: example,
  },
  handle: async (ctx, { body }) => locationBody(await createLocation(ctx, body)),
});

export const updateLocationOperation = defineOperation({
  id: "updateLocation",
  method: "PATCH",
  path: "/locations/{location_id}",
  scope: "locations:write",
  tag: "Locations",
  summary: "Change a location",
  description: `Changes the fields sent; the others stay. ${coordinates} Send \`If-Match\` with the ETag you read to refuse the change if someone changed the location since.`,
  params: locationParams,
  body: z
    .object({
      name: fields.name.optional(),
      address: z.string().trim().max(300, "Use at most 300 characters.").optional(),
      kind: z.enum(locationKinds, "Choose a kind of place.").optional(),
      latitude: fields.latitude.unwrap().unwrap().nullable().optional(),
      longitude: fields.longitude.unwrap().unwrap().nullable().optional(),
    })
    .strict(),
  response: locationSchema,
  current: (ctx, { params }) => readLocation(ctx, params),
  examples: { request: { name: "Central station (north hall)" }, response: { ...example, name: "Central station (north hall)" } },
  handle: async (ctx, { params, body }) => {
    const now = await getLocation(ctx, params.location_id);
    await updateLocation(ctx, {
      locationId: now.id,
      name: body.name ?? now.name,
      address: body.address ?? now.address,
      kind: body.kind ?? now.kind,
      latitude: body.latitude === undefined ? now.latitude : body.latitude,
      longitude: body.longitude === undefined ? now.longitude : body.longitude,
    });
    return readLocation(ctx, params);
  },
});
