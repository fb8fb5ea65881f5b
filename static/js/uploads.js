// File uploads: the type and size checked before sending, a progress bar while sending.
// Loaded on every page (templates/base.html); does nothing on a page without an upload form.
//
// The markup (awards/templates/awards/entry_detail.html, form[data-upload]) holds everything
// this script says: its messages in data-error-* attributes (translated by the template;
// "{name}" is the file's name), the limits on the file input (accept, data-accept-photo,
// data-max-bytes: the attachment service's own declaration). Without this script the form
// posts as usual and the server checks alone; with it, a file the server would refuse for its
// type or size is never sent, and the others are sent by XMLHttpRequest with a <progress>, so
// the page (and what is typed in its other forms) stays. The server answers the page again;
// the sections named in data-refresh are swapped in from it.
(function () {
  "use strict";

  function fileInput(form) {
    return form.querySelector("input[type=file]");
  }

  function photoSelected(form) {
    var kind = form.querySelector("select[data-photo-kind]");
    return Boolean(kind) && kind.value === kind.dataset.photoKind;
  }

  function accepted(form) {
    var input = fileInput(form);
    var list = photoSelected(form) ? input.dataset.acceptPhoto : input.accept;
    return (list || "").split(",").map(function (item) {
      return item.trim().toLowerCase();
    });
  }

  function isAccepted(file, accept) {
    var name = file.name.toLowerCase();
    var type = (file.type || "").toLowerCase();
    return accept.some(function (item) {
      return item.charAt(0) === "." ? name.endsWith(item) : item === type;
    });
  }

  // The browser's own checks: the messages of what would be refused (none: send).
  function problems(form) {
    var input = fileInput(form);
    var limit = Number(input.dataset.maxBytes);
    var accept = accepted(form);
    var typeMessage = photoSelected(form) ? form.dataset.errorTypePhoto : form.dataset.errorType;
    var found = [];
    if (!input.files.length) {
      found.push(form.dataset.errorRequired);
    }
    Array.prototype.forEach.call(input.files, function (file) {
      if (!isAccepted(file, accept)) {
        found.push(typeMessage.replace("{name}", file.name));
      } else if (limit && file.size > limit) {
        found.push(form.dataset.errorSize.replace("{name}", file.name));
      }
    });
    return found;
  }

  // The pixel size of an image file, read by the browser (null if it cannot read it: the
  // server decides then). createImageBitmap, not an <img> of a blob: URL, which the
  // Content-Security-Policy (img-src 'self' data:) refuses.
  function imageSize(file) {
    if (typeof window.createImageBitmap !== "function") {
      return Promise.resolve(null);
    }
    return window.createImageBitmap(file).then(
      function (bitmap) {
        var size = { width: bitmap.width, height: bitmap.height };
        bitmap.close();
        return size;
      },
      function () {
        return null;
      }
    );
  }

  // Photos below the smallest side (data-min-photo-side), refused before their bytes are sent
  // over a slow connection.
  function smallPhotos(form) {
    var input = fileInput(form);
    var minimum = Number(input.dataset.minPhotoSide);
    if (!photoSelected(form) || !minimum) {
      return Promise.resolve([]);
    }
    return Promise.all(
      Array.prototype.map.call(input.files, function (file) {
        return imageSize(file).then(function (size) {
          if (size && Math.min(size.width, size.height) < minimum) {
            return form.dataset.errorSmall
              .replace("{name}", file.name)
              .replace("{width}", String(size.width))
              .replace("{height}", String(size.height));
          }
          return null;
        });
      })
    ).then(function (messages) {
      return messages.filter(Boolean);
    });
  }

  function errorBox(form) {
    return document.getElementById(fileInput(form).id + "_error");
  }

  // Errors under the file input, announced (role=alert) and described by the input, which
  // gets the focus: the user is looking at the form already.
  // What the last upload added is said no more once a new choice is checked or sent.
  function clearStatus(form) {
    var status = form.querySelector("#upload-status");
    if (status) {
      status.textContent = "";
    }
  }

  function showErrors(form, messages) {
    var input = fileInput(form);
    var box = errorBox(form);
    box.replaceChildren();
    if (messages.length) {
      clearStatus(form);
    }
    messages.forEach(function (message) {
      var line = document.createElement("div");
      line.textContent = message;
      box.appendChild(line);
    });
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (messages.length) {
      input.setAttribute("aria-invalid", "true");
      if (described.indexOf(box.id) === -1) {
        described.push(box.id);
      }
      input.classList.add("is-invalid");
      input.focus();
    } else {
      input.removeAttribute("aria-invalid");
      described = described.filter(function (id) {
        return id !== box.id;
      });
      input.classList.remove("is-invalid");
    }
    input.setAttribute("aria-describedby", described.join(" "));
  }

  function showProgress(form, percent) {
    var wrapper = form.querySelector("#upload-progress");
    if (!wrapper) {
      return;
    }
    wrapper.hidden = false;
    wrapper.querySelector("progress").value = percent;
    wrapper.querySelector("#upload-progress-text").textContent =
      form.dataset.progressText + " " + percent + "%";
  }

  // The page the server answered: its sections named in data-refresh replace ours; the focus
  // goes to the upload form's error (or its status, which says what was added).
  function swapIn(form, answer) {
    form.dataset.refresh.split(" ").forEach(function (id) {
      var fresh = answer.getElementById(id);
      var current = document.getElementById(id);
      if (fresh && current) {
        var replacement = document.importNode(fresh, true);
        current.replaceWith(replacement);
        // confirm.js sets up the confirmations of what came in (its forms' no-JS checkboxes).
        replacement.dispatchEvent(new CustomEvent("page:updated", { bubbles: true }));
      }
    });
    var upload = document.getElementById(form.id);
    var target =
      upload && (upload.querySelector("[autofocus]") || upload.querySelector("[role=status]"));
    if (target) {
      target.focus();
    }
  }

  function failed(form, message) {
    var wrapper = form.querySelector("#upload-progress");
    if (wrapper) {
      wrapper.hidden = true;
    }
    form.querySelector("[type=submit]").disabled = false;
    showErrors(form, [message]);
  }

  function send(form) {
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.responseType = "document";
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        showProgress(form, Math.round((event.loaded / event.total) * 100));
      }
    });
    request.addEventListener("load", function () {
      var answer = request.response;
      if (request.status === 200 && answer && answer.getElementById(form.id)) {
        showProgress(form, 100);
        swapIn(form, answer);
      } else if (request.status === 409) {
        // The dossier can no longer change (submitted meanwhile, the round moved on): the page,
        // reloaded, says what happened and shows the dossier as it is.
        window.location.reload();
      } else {
        failed(form, form.dataset.errorServer);
      }
    });
    request.addEventListener("error", function () {
      failed(form, form.dataset.errorNetwork);
    });
    request.addEventListener("abort", function () {
      failed(form, form.dataset.errorNetwork);
    });
    form.querySelector("[type=submit]").disabled = true;
    clearStatus(form);
    showProgress(form, 0);
    // Let a form with a draft save it first (static/js/drafts.js), so nothing typed waits.
    document.dispatchEvent(new CustomEvent("uploads:sending"));
    request.send(new FormData(form));
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches("form[data-upload]")) {
      return;
    }
    event.preventDefault();
    var found = problems(form);
    showErrors(form, found);
    if (found.length) {
      return;
    }
    var button = form.querySelector("[type=submit]");
    button.disabled = true;
    smallPhotos(form).then(function (small) {
      button.disabled = false;
      showErrors(form, small);
      if (!small.length) {
        send(form);
      }
    });
  });

  // A choice checked at once, where the user is looking (sending checks it again); a change
  // of kind checks the files already chosen against it (a photo cannot be a PDF).
  document.addEventListener("change", function (event) {
    var target = event.target;
    var form = target.closest && target.closest("form[data-upload]");
    if (!form) {
      return;
    }
    var input = fileInput(form);
    if (target === input || input.files.length) {
      showErrors(form, input.files.length ? problems(form) : []);
    }
  });
})();
