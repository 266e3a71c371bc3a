// Signature pads of the postman's phone page: draw with a finger (or a mouse), the PNG goes into a hidden
// field as a data URL. The server refuses a blank pad; "Clear" starts again.
document.addEventListener("DOMContentLoaded", () => {
  for (const pad of document.querySelectorAll("[data-signature-pad]")) {
    const canvas = pad.querySelector("canvas");
    const input = document.getElementById(pad.dataset.input);
    if (!canvas || !input) continue;
    canvas.width = canvas.clientWidth;
    canvas.height = canvas.clientHeight;
    const pen = canvas.getContext("2d");
    const style = () => {
      pen.lineWidth = 2.5;
      pen.lineCap = "round";
      pen.lineJoin = "round";
      pen.strokeStyle = pen.fillStyle = "#0b1f4d";
    };
    style();
    if (input.value.startsWith("data:image/png;base64,")) {
      // The page came back with an error: the signature already drawn stays.
      const image = new Image();
      image.onload = () => pen.drawImage(image, 0, 0, canvas.width, canvas.height);
      image.src = input.value;
      pad.classList.add("is-signed");
    }
    let last = null;
    const at = (event) => {
      const box = canvas.getBoundingClientRect();
      return { x: event.clientX - box.left, y: event.clientY - box.top };
    };
    canvas.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      canvas.setPointerCapture(event.pointerId);
      last = at(event);
      pen.beginPath();
      pen.arc(last.x, last.y, 1.2, 0, 2 * Math.PI);
      pen.fill();
    });
    canvas.addEventListener("pointermove", (event) => {
      if (!last) return;
      event.preventDefault();
      const point = at(event);
      pen.beginPath();
      pen.moveTo(last.x, last.y);
      pen.lineTo(point.x, point.y);
      pen.stroke();
      last = point;
    });
    const end = () => {
      if (!last) return;
      last = null;
      input.value = canvas.toDataURL("image/png");
      pad.classList.add("is-signed");
    };
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    pad.querySelector("[data-clear]")?.addEventListener("click", () => {
      pen.clearRect(0, 0, canvas.width, canvas.height);
      style();
      input.value = "";
      pad.classList.remove("is-signed");
    });
  }
});
