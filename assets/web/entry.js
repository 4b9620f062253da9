// The one bundle graph.html inlines: sigma draws, graphology holds the graph, ForceAtlas2
// refines the precomputed layout when the user asks. Exposed as globals for the page's script,
// with node programs for the shapes graph.dot uses (sigma itself draws discs only).
import Graph from "graphology";
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeRectangleProgram, NodeCircleProgram, NodeProgram } from "sigma/rendering";
import { floatColor } from "sigma/utils";
import forceAtlas2 from "graphology-layout-forceatlas2";

// One triangle per node, big enough to hold the shape; the fragment shader keeps the pixels
// inside the shape's signed distance `DIST` (negative inside, in units of the radius).
const VERTEX = `
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec2 a_position;
attribute float a_size;
attribute float a_angle;
uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_correctionRatio;
varying vec4 v_color;
varying vec2 v_offset;
varying float v_radius;
void main() {
  float radius = a_size * u_correctionRatio / u_sizeRatio * 2.0;
  vec2 offset = radius * 3.0 * vec2(cos(a_angle), sin(a_angle));
  gl_Position = vec4((u_matrix * vec3(a_position + offset, 1)).xy, 0, 1);
  v_offset = offset;
  v_radius = radius;
  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  v_color.a *= 255.0 / 254.0;
}
`;

function fragment(dist) {
  return `
precision highp float;
varying vec4 v_color;
varying vec2 v_offset;
varying float v_radius;
uniform float u_correctionRatio;
void main(void) {
  vec2 p = abs(v_offset) / v_radius;
  float d = (${dist}) * v_radius;
  float edge = u_correctionRatio * 2.0;
  #ifdef PICKING_MODE
  gl_FragColor = d > 0.0 ? vec4(0.0) : v_color;
  #else
  gl_FragColor = mix(v_color, vec4(0.0), clamp(d / edge + 0.5, 0.0, 1.0));
  #endif
}
`;
}

function shapeProgram(dist) {
  const fragmentSource = fragment(dist);
  return class ShapeProgram extends NodeProgram {
    getDefinition() {
      const { FLOAT, UNSIGNED_BYTE } = WebGLRenderingContext;
      return {
        VERTICES: 3,
        VERTEX_SHADER_SOURCE: VERTEX,
        FRAGMENT_SHADER_SOURCE: fragmentSource,
        METHOD: WebGLRenderingContext.TRIANGLES,
        UNIFORMS: ["u_sizeRatio", "u_correctionRatio", "u_matrix"],
        ATTRIBUTES: [
          { name: "a_position", size: 2, type: FLOAT },
          { name: "a_size", size: 1, type: FLOAT },
          { name: "a_color", size: 4, type: UNSIGNED_BYTE, normalized: true },
          { name: "a_id", size: 4, type: UNSIGNED_BYTE, normalized: true },
        ],
        CONSTANT_ATTRIBUTES: [{ name: "a_angle", size: 1, type: FLOAT }],
        CONSTANT_DATA: [[Math.PI / 2], [Math.PI / 2 + (2 * Math.PI) / 3], [Math.PI / 2 + (4 * Math.PI) / 3]],
      };
    }
    processVisibleItem(nodeIndex, start, data) {
      const a = this.array;
      a[start++] = data.x;
      a[start++] = data.y;
      a[start++] = data.size;
      a[start++] = floatColor(data.color);
      a[start++] = nodeIndex;
    }
    setUniforms(params, { gl, uniformLocations }) {
      gl.uniform1f(uniformLocations.u_correctionRatio, params.correctionRatio);
      gl.uniform1f(uniformLocations.u_sizeRatio, params.sizeRatio);
      gl.uniformMatrix3fv(uniformLocations.u_matrix, false, params.matrix);
    }
  };
}

// graph.dot's shapes: ellipse (people), box (organizations), hexagon (places).
const shapes = {
  ellipse: NodeCircleProgram,
  box: shapeProgram("max(p.x, p.y) - 0.85"),
  hexagon: shapeProgram("max(p.x * 0.8660254 + p.y * 0.5, p.y) - 0.9"),
};

window.KgWeb = { Graph, Sigma, EdgeArrowProgram, EdgeRectangleProgram, forceAtlas2, shapes };
