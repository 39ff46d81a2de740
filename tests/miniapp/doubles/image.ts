module.exports = 'image.png';
