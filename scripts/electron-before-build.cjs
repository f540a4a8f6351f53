// electron-builder beforeBuild hook: the main bundle already contains its dependencies, so skip node_modules.
module.exports = async function beforeBuild() {
  return false;
};
