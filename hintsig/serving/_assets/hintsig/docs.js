// Starts Swagger UI on the page's #swagger-ui element, from the OpenAPI document it names.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-openapi"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: false,
    displayRequestDuration: true,
  });
})();
