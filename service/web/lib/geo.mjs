// geo — the map's geometry in plain longitude/latitude, shared by the map
// view and scripts/place-coords.mjs (which writes the countries' points
// into the gazetteer with the same rule the map draws them by).  No DOM.

// TopoJSON: arcs are delta-encoded, quantised positions; a geometry lists
// arcs by index (~i reversed).
export function decode(topo, object) {
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;
  const arcs = topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (ids) => ids.flatMap((i, k) => {
    const pts = i < 0 ? [...arcs[~i]].reverse() : arcs[i];
    return k ? pts.slice(1) : pts;
  });
  return object.geometries.map((g) => ({
    id: g.id,
    name: g.properties?.name || '',
    polygons: g.type === 'Polygon' ? [g.arcs.map(ring)] : g.type === 'MultiPolygon' ? g.arcs.map((p) => p.map(ring)) : [],
  }));
}

// A ring crossing the antimeridian (Russia, Fiji) is unwrapped into
// continuous longitudes (some beyond ±180°).
export function unwrap(ring) {
  let prev = ring[0][0];
  let shift = 0;
  return ring.map(([lon, lat]) => {
    if (lon + shift - prev > 180) shift -= 360;
    else if (lon + shift - prev < -180) shift += 360;
    prev = lon + shift;
    return [prev, lat];
  });
}

// The centre of a country, [lon, lat]: the area centroid of its largest
// outer ring (planar, as the equirectangular map draws it); the longitude
// may lie beyond ±180° for an unwrapped ring.
export function centre(polygons) {
  let best = null;
  let bestArea = 0;
  for (const [outer] of polygons) {
    const pts = unwrap(outer);
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < pts.length - 1; i++) {
      const f = pts[i][0] * pts[i + 1][1] - pts[i + 1][0] * pts[i][1];
      a += f;
      cx += (pts[i][0] + pts[i + 1][0]) * f;
      cy += (pts[i][1] + pts[i + 1][1]) * f;
    }
    if (Math.abs(a) > bestArea) {
      bestArea = Math.abs(a);
      best = [cx / (3 * a), cy / (3 * a)];
    }
  }
  return best;
}
