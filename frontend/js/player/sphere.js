// The 360° view: the equirectangular video drawn on the inside of a sphere with three.js.
import {
  LinearFilter,
  Mesh,
  MeshBasicMaterial,
  PerspectiveCamera,
  Scene,
  SphereGeometry,
  SRGBColorSpace,
  VideoTexture,
  WebGLRenderer,
} from "three";
import { clamp } from "./format.js";

export const FOV = { min: 30, max: 100, initial: 75 };
const PITCH_LIMIT = 85;
const DEG = Math.PI / 180;

export class SphereView {
  /** Draw `video` into a canvas appended to `host`; raise when WebGL cannot start. */
  constructor(video, host, { stereoMode = "mono", onChange = () => {} } = {}) {
    this.video = video;
    this.host = host;
    this.onChange = onChange;
    this.yaw = 0; // degrees, positive to the right
    this.pitch = 0; // degrees, positive upwards
    this.fov = FOV.initial;
    this.renderer = new WebGLRenderer({ antialias: false, powerPreference: "high-performance" });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    this.renderer.xr.enabled = true;
    this.canvas = this.renderer.domElement;
    this.canvas.className = "player__canvas";
    this.scene = new Scene();
    this.camera = new PerspectiveCamera(this.fov, 16 / 9, 0.1, 100);
    this.camera.rotation.order = "YXZ";
    this.texture = new VideoTexture(video);
    this.texture.colorSpace = SRGBColorSpace;
    this.texture.minFilter = LinearFilter;
    this.texture.generateMipmaps = false;
    showOneEye(this.texture, stereoMode);
    const geometry = new SphereGeometry(50, 64, 32);
    geometry.scale(-1, 1, 1); // look at the inside of the sphere
    this.mesh = new Mesh(geometry, new MeshBasicMaterial({ map: this.texture }));
    // SphereGeometry puts the middle of the frame (u = 0.5) on the -x axis; turn it to -z,
    // where the camera looks at yaw 0, so that the view and the ambisonic front agree.
    this.mesh.rotation.y = -Math.PI / 2;
    this.scene.add(this.mesh);
    host.append(this.canvas);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(host);
    this.resize();
    this.applyView();
    this.renderer.setAnimationLoop(() => this.renderer.render(this.scene, this.camera));
  }

  get view() {
    return { yaw: this.yaw, pitch: this.pitch, fov: this.fov };
  }

  /** Turn the view to `yaw`/`pitch` degrees and zoom to `fov`; yaw wraps to (-180, 180]. */
  setView({ yaw = this.yaw, pitch = this.pitch, fov = this.fov } = {}) {
    this.yaw = ((((yaw + 180) % 360) + 360) % 360) - 180;
    this.pitch = clamp(pitch, -PITCH_LIMIT, PITCH_LIMIT);
    this.fov = clamp(fov, FOV.min, FOV.max);
    this.applyView();
  }

  look(deltaYaw, deltaPitch) {
    this.setView({ yaw: this.yaw + deltaYaw, pitch: this.pitch + deltaPitch });
  }

  zoom(deltaFov) {
    this.setView({ fov: this.fov + deltaFov });
  }

  reset() {
    this.setView({ yaw: 0, pitch: 0, fov: FOV.initial });
  }

  /** Degrees of view per CSS pixel, so that a drag follows the pointer. */
  get degreesPerPixel() {
    return this.fov / Math.max(this.host.clientHeight, 1);
  }

  applyView() {
    this.camera.rotation.set(this.pitch * DEG, -this.yaw * DEG, 0);
    this.camera.fov = this.fov;
    this.camera.updateProjectionMatrix();
    this.camera.updateMatrixWorld();
    this.onChange(this);
  }

  /** Return the camera's 4×4 world matrix (column-major), which Omnitone rotates by. */
  get matrix() {
    return this.camera.matrixWorld.elements;
  }

  resize() {
    const width = this.host.clientWidth || 1;
    const height = this.host.clientHeight || 1;
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
  }

  /** Start an immersive WebXR session; resolve when it ends. */
  async enterVR() {
    const session = await navigator.xr.requestSession("immersive-vr", {
      optionalFeatures: ["local-floor"],
    });
    await this.renderer.xr.setSession(session);
    return new Promise((resolve) => session.addEventListener("end", resolve, { once: true }));
  }

  destroy() {
    this.renderer.setAnimationLoop(null);
    this.resizeObserver.disconnect();
    this.texture.dispose();
    this.mesh.geometry.dispose();
    this.mesh.material.dispose();
    this.renderer.dispose();
    this.canvas.remove();
  }
}

/** Crop a stereoscopic frame to one eye: the top half (left eye) or the left half. */
function showOneEye(texture, stereoMode) {
  if (stereoMode === "top-bottom") {
    texture.repeat.set(1, 0.5);
    texture.offset.set(0, 0.5); // flipY puts v = 1 at the top of the frame
  } else if (stereoMode === "left-right") {
    texture.repeat.set(0.5, 1);
    texture.offset.set(0, 0);
  }
}
