// Two apps behind one page: the public citizen pages (/public/…, phone first, light) and the
// signed-in platform. Each is its own chunk, so a citizen never downloads the admin UI library.
if (window.location.pathname.startsWith('/public/')) {
  void import('./public/main').then(({ mountPublic }) => mountPublic(document.getElementById('root')!));
} else {
  void import('./app/main-app').then(({ mountApp }) => mountApp(document.getElementById('root')!));
}
