"""app.map.shapes: shapes of one colour batched into one mesh (pure
geometry; Kivy is not imported)."""
import math

from app.map.shapes import MAX_VERTICES, ShapeBatch, circle_points, fan, rounded_rect_points, thick_segment


def area(points, triangles):
    total = 0.0
    for a, b, c in triangles:
        (x0, y0), (x1, y1), (x2, y2) = points[a], points[b], points[c]
        total += abs((x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)) / 2
    return total


def test_a_fanned_circle_covers_the_circle():
    points, triangles = fan(circle_points(10, 20, 5, 64))
    assert math.isclose(points[0][0], 10) and math.isclose(points[0][1], 20) and len(triangles) == 64
    assert math.isclose(area(points, triangles), math.pi * 25, rel_tol=0.01)
    assert all(math.isclose(math.hypot(x - 10, y - 20), 5) for x, y in points[1:])


def test_a_rounded_rectangle_stays_inside_its_box_and_fills_it_but_the_corners():
    rim = rounded_rect_points(0, 0, 100, 20, 10)
    assert all(-1e-9 <= x <= 100 + 1e-9 and -1e-9 <= y <= 20 + 1e-9 for x, y in rim)
    points, triangles = fan(rim)
    full = 100 * 20 - (4 - math.pi) * 10 ** 2
    assert math.isclose(area(points, triangles), full, rel_tol=0.01)
    # a radius larger than the box allows is clipped to half the shorter side
    assert all(0 <= y <= 20 for _, y in rounded_rect_points(0, 0, 100, 20, 50))


def test_a_thick_segment_is_as_long_and_as_wide_as_asked():
    points, triangles = thick_segment(0, 0, 30, 40, 2)
    assert math.isclose(area(points, triangles), 50 * 2)


def test_a_batch_is_one_mesh_per_colour_in_first_use_order_and_splits_at_the_index_limit():
    batch = ShapeBatch()
    white, red = (1, 1, 1, 1), (1, 0, 0, 1)
    for i in range(100):
        batch.ellipse(white, i, 0, 3)
        batch.rounded_rect(red, i, 10, 20, 8, 4)
    meshes = batch.meshes()
    assert [m[0] for m in meshes] == [white, red] and len(batch) == 200
    for _, vertices, indices in meshes:
        assert len(vertices) % 4 == 0 and max(indices) < len(vertices) // 4
    big = ShapeBatch()
    for i in range(MAX_VERTICES // 33 + 10):      # a 32-segment circle is 33 vertices
        big.ellipse(white, i, i, 2)
    parts = big.meshes()
    assert len(parts) == 2 and all(len(v) // 4 <= MAX_VERTICES for _, v, _ in parts)
